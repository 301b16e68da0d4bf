import Findings
import LayerPass

/// `file.privileged`: files that give a process more than its user has, judged on the final filesystem (what a
/// container actually runs with).
public enum PrivilegedFiles {
    /// Directories where Debian, Alpine and Red Hat packages put their setuid and setgid programs. A setuid file
    /// elsewhere is not where any package puts one. Until the SBOM can tell which package owns a file, these are
    /// listed in the report's inventory but not flagged.
    static let systemProgramDirectories = [
        "bin", "sbin", "usr/bin", "usr/sbin", "usr/lib", "usr/lib32", "usr/lib64", "usr/libexec", "lib", "lib32",
        "lib64",
    ]
    /// Top-level directories whose files only root should change; a world-writable file there lets any user of
    /// the container change what root runs or reads.
    static let systemDirectories = ["bin", "boot", "etc", "lib", "lib32", "lib64", "opt", "sbin", "usr"]

    /// Setuid and setgid programs are a few MB at most; larger ones are judged by ownership alone.
    static let maxCapturedSize: Int64 = 64 << 20

    /// Keeps the bytes of setuid and setgid files, to compare them with their package's recorded digest.
    public static let request = FileRequest(analyzer: "file.privileged", maxSize: maxCapturedSize) {
        $0.isSetuid || $0.isSetgid
    }

    /// Setuid and setgid files of the final filesystem, sorted by path: the report's inventory.
    public static func inventory(_ fileSystem: FileSystem) -> [FileEntry] {
        fileSystem.entries.values.filter { $0.isSetuid || $0.isSetgid }.sorted { $0.path < $1.path }
    }

    /// The findings for the final filesystem; `layers` gives each layer's digest for the evidence.
    ///
    /// With `owners` known, a setuid or setgid file is flagged when no package owns it or its bytes differ from
    /// the package's record; without, when it lies outside the system program directories.
    public static func findings(_ fileSystem: FileSystem, layers: [LayerResult],
                                owners: PackageOwnership = PackageOwnership()) -> [Finding] {
        func reference(_ entry: FileEntry) -> LayerReference? {
            layers.indices.contains(entry.layer)
                ? LayerReference(index: entry.layer, digest: layers[entry.layer].descriptor.digest.description) : nil
        }
        // Check every entry, then sort only what was found: most entries are ordinary files.
        let flagged = fileSystem.entries.values.filter(isCandidate).sorted { $0.path < $1.path }
        var sinks: [Int: FindingLimiter] = [:]
        for entry in flagged {
            let bytes = layers.indices.contains(entry.layer) ? layers[entry.layer].captured[entry.path] : nil
            guard let finding = check(entry, layer: reference(entry), owners: owners, bytes: bytes) else { continue }
            sinks[entry.layer, default: FindingLimiter()].add(finding)
        }
        return sinks.keys.sorted().flatMap { sinks[$0]!.findings() }
    }

    /// A cheap first look: special bits, a device, or world-writable.
    static func isCandidate(_ entry: FileEntry) -> Bool {
        entry.mode & 0o6002 != 0 || entry.kind == .characterDevice || entry.kind == .blockDevice
    }

    static func check(_ entry: FileEntry, layer: LayerReference?, owners: PackageOwnership = PackageOwnership(),
                      bytes: [UInt8]? = nil) -> Finding? {
        let mode = String(entry.mode, radix: 8)
        let evidence = Evidence(layer: layer, path: entry.path, entryName: entry.path,
                                facts: ["mode": mode, "uid": "\(entry.uid)", "gid": "\(entry.gid)"])
        func finding(_ rule: String, _ severity: Severity, _ title: String, _ detail: String) -> Finding {
            Finding(category: ForensicCategory.privileged, ruleID: rule, severity: severity, title: title,
                    detail: detail, evidence: evidence)
        }
        switch entry.kind {
        case .file where entry.isSetuid || entry.isSetgid:
            let bits = [entry.isSetuid ? "setuid" : nil, entry.isSetgid ? "setgid" : nil].compactMap { $0 }
            if owners.isKnown {
                guard let owner = owners.owner(of: entry.path) else {
                    return finding("SG-PRIV-001", .high, "\(bits.joined(separator: "+")) file \(entry.path) that no "
                                   + "package owns", "No package database lists it: it was added by hand and runs with "
                                       + "its owner's (uid \(entry.uid)) rights for any user.")
                }
                guard let bytes, owners.matchesRecord(entry.path, bytes: bytes) == false else { return nil }
                return finding("SG-PRIV-006", .high, "\(bits.joined(separator: "+")) file \(entry.path) differs from "
                               + "package \(owner)'s record", "Its bytes do not match the digest \(owner)'s database "
                                   + "recorded: a privileged program was replaced after the package installed it.")
            }
            guard !isBelow(entry.path, any: systemProgramDirectories) else { return nil }
            return finding("SG-PRIV-001", .high, "\(bits.joined(separator: "+")) file \(entry.path) outside system "
                           + "program directories",
                           "Packages install setuid and setgid programs in bin, sbin and lib directories; one "
                               + "elsewhere was most likely added by hand and runs with its owner's (uid "
                               + "\(entry.uid)) rights for any user.")
        case .characterDevice, .blockDevice:
            let kind = entry.kind == .characterDevice ? "character" : "block"
            if isBelow(entry.path, any: ["dev"]) {
                return finding("SG-PRIV-003", .low, "\(kind) device \(entry.path) in the image",
                               "Runtimes mount their own /dev over it, so it is normally hidden; builders that "
                                   + "snapshot a root filesystem (mmdebstrap, debootstrap) leave such nodes behind.")
            }
            return finding("SG-PRIV-002", .high, "\(kind) device \(entry.path) outside /dev",
                           "A device node outside /dev stays visible in the container and gives whoever can open "
                               + "it direct access to the host device it names.")
        case .directory where entry.mode & 0o002 != 0 && entry.mode & 0o1000 == 0:
            return finding("SG-PRIV-004", .medium, "World-writable directory \(entry.path) without the sticky bit",
                           "Any user can delete or replace other users' files in it; /tmp-like directories carry "
                               + "the sticky bit to prevent that.")
        case .file where entry.mode & 0o002 != 0 && isBelow(entry.path, any: systemDirectories):
            return finding("SG-PRIV-005", .medium, "World-writable file \(entry.path) under a system directory",
                           "Any user in the container can change a file that root-run programs execute or read.")
        default:
            return nil
        }
    }

    static func isBelow(_ path: String, any directories: [String]) -> Bool {
        directories.contains { path.hasPrefix($0 + "/") }
    }
}

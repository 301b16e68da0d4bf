import Findings
import ImageModel
import LayerPass
import SBOM
import Tar

/// `integrity.package-file-modified`: files that a dpkg, apk or rpm package owns whose content no longer matches
/// the digest the package database recorded, judged on the final filesystem.
///
/// The final file is compared with the final database, so a legitimate upgrade (file and database changed in the
/// same layer, or the database brought up to date in a later one) matches, and a file a later layer deleted is
/// not there to compare. What remains is a file replaced outside the package manager: the compromised-pipeline
/// pattern of a working image whose `ls` or `libc` is not the one its package shipped.
public enum PackageFileIntegrity {
    /// The finding category, from DESIGN.md.
    public static let category = "integrity.package-file-modified"
    /// A package file that is not configuration differs from its record.
    public static let modifiedFileRule = "SG-INTEGRITY-001"
    /// A configuration file (dpkg conffile, rpm %config, apk file under `etc/`) differs from its record: often an
    /// administrator's edit, so reported at lower severity.
    public static let modifiedConfigurationRule = "SG-INTEGRITY-002"

    /// Package types whose databases record per-file digests the pass can check.
    static let checkedTypes: Set<PackageType> = [.deb, .apk, .rpm]

    /// The bytes this check needs besides digests: dpkg's diversions.
    public static let request = FileRequest.paths([DpkgDiversions.path], analyzer: category,
                                                  maxSize: DpkgDiversions.maxSize)

    /// The files the layer pass digests: every regular file where a dpkg, apk or rpm package may have put one, in
    /// the algorithms of the package manager whose directory the layer showed first, else in all.
    public static let digestRequest = DigestRequest(analyzer: category,
                                                    selects: { $0.kind == .file && isPackageTerritory($0.path) },
                                                    narrowing: { algorithms(markedBy: $0.path) })

    /// Directories each package manager keeps, and the algorithms its database records files in. Images are
    /// archived in sorted order as a rule, so `etc/` shows the package manager before `lib/` and `usr/` hold the
    /// bulk of the files: a Debian layer then digests them in MD5 alone (on the Debian fixture, 0.24 s of CPU
    /// instead of 0.33 s for all three).
    /// rpm records MD5 before rpm 4.6 and SHA-256 since. Why this is safe: a layer that carries another package
    /// manager's directory to escape the check only makes `completeDigests` read it again.
    static let packageManagerMarkers: [(path: String, algorithms: DigestAlgorithms)] = [
        ("etc/dpkg", .md5), ("var/lib/dpkg", .md5), ("etc/apk", .sha1), ("lib/apk", .sha1),
        ("etc/rpm", [.md5, .sha256]), ("var/lib/rpm", [.md5, .sha256]), ("usr/lib/sysimage/rpm", [.md5, .sha256]),
    ]

    /// The algorithms a package manager's directory (or an entry in it) stands for.
    static func algorithms(markedBy path: String) -> DigestAlgorithms? {
        // This runs for every entry of every layer: most paths are ruled out by their first byte.
        guard let first = path.utf8.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "v")
            || first == UInt8(ascii: "l") || first == UInt8(ascii: "u") else { return nil }
        for marker in packageManagerMarkers where path.hasPrefix(marker.path) {
            let rest = path.utf8.dropFirst(marker.path.utf8.count)
            if rest.isEmpty || rest.first == UInt8(ascii: "/") { return marker.algorithms }
        }
        return nil
    }

    /// Top-level directories the distributions' packages install into (FHS). A package file elsewhere is left
    /// unverified and counted; no Debian, Alpine or Red Hat package puts files outside these.
    static let packageRoots: Set<Substring> = ["bin", "boot", "etc", "lib", "lib32", "lib64", "libx32", "opt",
                                               "sbin", "srv", "usr", "var"]
    /// Trees under those roots left out, because digesting costs scan time (MD5, SHA-1 and SHA-256 together run at
    /// about 400 MB/s, near the cost of the rest of the pass) and nothing in them is worth it:
    /// - no package fills them: `usr/local` is the administrator's (Debian policy forbids packages to install
    ///   there; official Python and Node images put their whole runtime there), and caches, logs and the package
    ///   databases' own files are never listed as package files;
    /// - packages fill them with text nothing executes or loads as code: documentation, manual pages and message
    ///   translations, which images routinely delete. They are 26% of the bytes of Debian minbase's package files
    ///   (locale 32 MB, doc 8 MB, man 3 MB of 164 MB); a file there is counted as unverified, never judged.
    static let unpackagedTrees = ["usr/local/", "var/cache/", "var/log/", "var/tmp/", "var/lib/apt/lists/",
                                  "var/lib/dpkg/", "var/lib/rpm/", "var/lib/apk/",
                                  "usr/share/doc/", "usr/share/man/", "usr/share/info/", "usr/share/locale/"]

    /// Configuration files that system tools rewrite by design, so that an image adding a user or a shell changes
    /// them without any tampering: the account databases (`useradd`, `groupadd`, `chpasswd`; Alpine's
    /// alpine-baselayout-data and Red Hat's setup package own them with digests), `add-shell`'s list, and the files
    /// container runtimes mount over. An attacker gains nothing here that `payload.*` and `secret` checks would not
    /// see; judging them would flag every application image that creates its user.
    static let rewrittenByDesign: Set<String> = [
        "etc/passwd", "etc/group", "etc/shadow", "etc/gshadow", "etc/subuid", "etc/subgid", "etc/shells",
        "etc/hosts", "etc/hostname", "etc/resolv.conf", "etc/mtab",
    ]

    /// Whether a root-relative path lies where packages install files.
    static func isPackageTerritory(_ path: String) -> Bool {
        guard let root = path.split(separator: "/", maxSplits: 1).first, packageRoots.contains(root) else {
            return false
        }
        return !unpackagedTrees.contains { path.hasPrefix($0) }
    }

    /// What the check found and how much it covered.
    public struct Outcome: Sendable {
        /// The findings, at most `FindingLimiter.maxPerRule` per rule and layer.
        public var findings: [Finding] = []
        /// Package files present in the final filesystem whose content was compared with a recorded digest.
        public var compared = 0
        /// Package files present with a recorded digest that were not compared: not digested (outside
        /// `packageRoots` or in `unpackagedTrees`, a hardlink into a lower layer), recorded in an algorithm the
        /// pass does not compute, or `rewrittenByDesign`.
        public var unverified = 0
    }

    /// Checks every package file with a recorded digest against the final filesystem.
    /// - Parameters:
    ///   - sbom: the image's packages, as the catalogers found them after the last layer.
    ///   - fileSystem: the merged filesystem.
    ///   - layers: the pass's results, with `fileDigests` from `digestRequest` and `request`'s captured bytes.
    ///   - history: the config's build history, to name the step that made each layer.
    public static func check(_ sbom: SoftwareBillOfMaterials, fileSystem: FileSystem, layers: [LayerResult],
                             history: [HistoryEntry] = []) -> Outcome
    {
        let claims = PackageFileClaims(sbom, fileSystem: fileSystem, layers: layers)
        let steps = layerSteps(history, layerCount: layers.count)
        func finding(_ entry: FileEntry, claim: PackageFileClaim, actual: Actual) -> Finding {
            Self.finding(entry, claim: claim, actual: actual, layers: layers, step: steps?[entry.layer])
        }
        var outcome = Outcome()
        var sinks: [Int: FindingLimiter] = [:]
        for path in claims.paths {
            guard let entry = fileSystem[path], let owners = claims.byPath[path] else { continue }
            guard !rewrittenByDesign.contains(path) else {
                outcome.unverified += 1
                continue
            }
            let comparable = owners.filter { FileDigests.isComparable(recorded: $0.file.digest ?? "") }
            // dpkg and rpm record digests of regular files only (apk also of links, as the digest of the target
            // name): a link in the place of one points the package's program or library somewhere else.
            if entry.kind == .symlink, let target = entry.linkTarget,
               let claim = comparable.first(where: { $0.package.type != .apk }) {
                outcome.compared += 1
                sinks[entry.layer, default: FindingLimiter()].add(finding(entry, claim: claim, actual: .link(target)))
                continue
            }
            // Only records in an algorithm computed for this file are judged (`completeDigests` computes the
            // missing ones); a record can never count against a file for lack of a digest to compare.
            guard let actual = digests(of: entry, layers: layers) else {
                outcome.unverified += 1
                continue
            }
            let judged = comparable.filter { actual.matches(recorded: $0.file.digest!) != nil }
            guard !judged.isEmpty else {
                outcome.unverified += 1
                continue
            }
            outcome.compared += 1
            // A path several packages list (a file taken over through Replaces) is fine if any record matches.
            guard !judged.contains(where: { actual.matches(recorded: $0.file.digest!) == true }),
                  let claim = judged.first
            else { continue }
            sinks[entry.layer, default: FindingLimiter()].add(finding(entry, claim: claim, actual: .content(actual)))
        }
        outcome.findings = sinks.keys.sorted().flatMap { sinks[$0]!.findings() }
        return outcome
    }

    /// The `created_by` of the step that made each layer, when the history's layer-making steps number the same as
    /// the layers; otherwise nil, as matching them by position would name the wrong step (SG-MANIFEST reports it).
    static func layerSteps(_ history: [HistoryEntry], layerCount: Int) -> [String?]? {
        let steps = history.filter { $0.emptyLayer != true }
        return steps.count == layerCount ? steps.map(\.createdBy) : nil
    }

    /// What stands at a package file's path instead of the recorded content.
    enum Actual {
        /// A file (or hardlink) with these digests.
        case content(FileDigests)
        /// A symbolic link to this target.
        case link(String)
    }

    /// The digests of the final entry's content: a regular file's own, a hardlink's target written in the same
    /// layer (tar writes a file once and links its other names to it), or for a symlink the digests of its target
    /// name, which is what apk records for a link.
    static func digests(of entry: FileEntry, layers: [LayerResult]) -> FileDigests? {
        guard layers.indices.contains(entry.layer) else { return nil }
        let digests = layers[entry.layer].fileDigests
        switch entry.kind {
        case .file: return digests[entry.path]
        case .hardlink: return entry.linkTarget.flatMap { digests[TarPath.normalize($0)] }
        case .symlink: return entry.linkTarget.map { FileDigests(of: Array($0.utf8)) }
        default: return nil
        }
    }
}

import Foundation
import LayerPass
import SBOM

/// Debian packages from dpkg's database: `var/lib/dpkg/status` (or one file per package in `status.d`, as
/// distroless images have), with each package's file list, recorded MD5 digests and conffiles from `info/`, and
/// the licences its copyright file declares.
public struct DpkgCataloger: Cataloger {
    public let name = "dpkg"

    static let statusPath = "var/lib/dpkg/status"
    static let statusDirectory = "var/lib/dpkg/status.d/"
    static let infoDirectory = "var/lib/dpkg/info/"
    /// The status file of a large image is a few MB; 64 MiB bounds a hostile one.
    static let maxStatusSize: Int64 = 64 << 20
    /// File lists and digest lists are at most a few MB even for the largest packages.
    static let maxInfoSize: Int64 = 16 << 20

    public var requests: [FileRequest] {
        [
            FileRequest(analyzer: name, maxSize: Self.maxStatusSize) { path in
                path == Self.statusPath || path.hasPrefix(Self.statusDirectory)
            },
            FileRequest(analyzer: name, maxSize: Self.maxInfoSize) { path in
                path.hasPrefix(Self.infoDirectory)
                    && (path.hasSuffix(".list") || path.hasSuffix(".md5sums") || path.hasSuffix(".conffiles"))
            },
            // Only the licence names are kept of each copyright file, not its text.
            FileRequest(analyzer: name + "-copyright", maxSize: DebianCopyright.maxSize,
                        selecting: { $0.kind == .file && DebianCopyright.isCopyrightFile($0.path) },
                        reducing: DebianCopyright.reduced),
        ] + OSReleaseCataloger().requests
    }

    /// Creates the cataloger.
    public init() {}

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        let system = OSReleaseCataloger.detect(files)
        var output = CatalogOutput()
        var sources: [(path: String, bytes: [UInt8])] = []
        if let bytes = files.contents(of: Self.statusPath) { sources.append((Self.statusPath, bytes)) }
        for path in files.paths(where: { $0.hasPrefix(Self.statusDirectory) && !$0.hasSuffix(".md5sums") }) {
            sources.append((path, files.contents(of: path)!))
        }
        for (path, bytes) in sources {
            let stanzas: [DebianStanza]
            do {
                stanzas = try DebianStanza.parse(bytes)
            } catch {
                output.warnings.append(CatalogWarning(cataloger: name, path: path, message: "\(error)",
                                                      layer: files.layer(of: path)))
                continue
            }
            for stanza in stanzas {
                guard let package = package(from: stanza, in: files, database: path, system: system) else { continue }
                output.packages.append(package)
            }
        }
        output.packages = Self.addingLicenses(to: output.packages, from: files)
        return output
    }

    /// Each package's licences from its copyright file. A package whose doc directory is a link to a sibling's
    /// (`dh_installdocs --link-doc`, common for `-dev` and library packages) has no file of its own; it shares the
    /// source package's `debian/copyright`, so it takes the licences of a package built from the same source.
    static func addingLicenses(to packages: [Package], from files: CatalogFiles) -> [Package] {
        func licenses(_ name: String) -> [String]? {
            files.contents(of: DebianCopyright.path(of: name)).map { bytes in
                String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
            }
        }
        var bySource: [String: [String]] = [:]
        for package in packages {
            guard let found = licenses(package.name) else { continue }
            bySource[package.sourceName ?? package.name] = bySource[package.sourceName ?? package.name] ?? found
        }
        return packages.map { package in
            var package = package
            if let own = licenses(package.name) {
                package.licenses = own
                package.locations.append(DebianCopyright.path(of: package.name))
            } else {
                package.licenses = bySource[package.sourceName ?? package.name] ?? []
            }
            return package
        }
    }

    private func package(from stanza: DebianStanza, in files: CatalogFiles, database: String,
                         system: OperatingSystem?) -> Package? {
        guard let name = stanza["Package"], let version = stanza["Version"] else { return nil }
        // dpkg-query lists every package the database knows except purged ones.
        let status = (stanza["Status"] ?? "install ok installed").split(separator: " ")
        guard status.last != "not-installed" else { return nil }
        let architecture = stanza["Architecture"]
        var sourceName: String?
        var sourceVersion: String?
        if let source = stanza["Source"] {
            // `Source: name (version)` when the source version differs from the binary's.
            let parts = source.split(separator: " ", maxSplits: 1)
            sourceName = parts.first.map(String.init)
            if parts.count == 2 { sourceVersion = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "()")) }
        }
        let dependencies = ((stanza["Pre-Depends"] ?? "") + "," + (stanza["Depends"] ?? ""))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }

        var locations = [database]
        var recorded: [String: PackageFile] = [:]
        for infoName in infoNames(name, architecture) {
            let list = Self.infoDirectory + infoName + ".list"
            if let bytes = files.contents(of: list) {
                locations.append(list)
                for line in Self.lines(bytes) where line != "/." {
                    let path = String(line.drop { $0 == "/" })
                    recorded[path] = recorded[path] ?? PackageFile(path: path)
                }
            }
            let sums = Self.infoDirectory + infoName + ".md5sums"
            let distrolessSums = Self.statusDirectory + infoName + ".md5sums"
            for candidate in [sums, distrolessSums] {
                guard let bytes = files.contents(of: candidate) else { continue }
                locations.append(candidate)
                for line in Self.lines(bytes) {
                    guard let space = line.firstIndex(of: " ") else { continue }
                    let digest = String(line[..<space])
                    let path = String(line[space...].drop { $0 == " " || $0 == "/" })
                    recorded[path] = PackageFile(path: path, digest: "md5:" + digest,
                                                 isConfiguration: recorded[path]?.isConfiguration ?? false)
                }
            }
        }
        // Conffiles are listed in the status stanza as ` /etc/path md5`.
        for line in (stanza["Conffiles"] ?? "").split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let first = fields.first else { continue }
            let path = String(first.drop { $0 == "/" })
            let digest = fields.count > 1 ? "md5:" + fields[1] : recorded[path]?.digest
            recorded[path] = PackageFile(path: path, digest: digest, isConfiguration: true)
        }

        var qualifiers = ["arch": architecture ?? ""]
        if let system { qualifiers["distro"] = system.id + (system.versionID.map { "-" + $0 } ?? "") }
        let purl = PackageURL(type: "deb", namespace: system?.id ?? "debian", name: name, version: version,
                              qualifiers: qualifiers)
        return Package(name: name, version: version, type: .deb, purl: purl.description, locations: locations,
                       architecture: architecture, sourceName: sourceName, sourceVersion: sourceVersion,
                       dependencies: dependencies, provides: Self.provides(stanza["Provides"]),
                       files: recorded.values.sorted { $0.path < $1.path })
    }

    /// `Provides: awk, mail-transport-agent (= 1.0)` → `["awk", "mail-transport-agent"]`.
    static func provides(_ field: String?) -> [String] {
        (field ?? "").split(separator: ",").compactMap { entry in
            let name = entry.trimmingCharacters(in: .whitespaces).prefix { !" (".contains($0) }
            return name.isEmpty ? nil : String(name)
        }
    }

    /// Multi-arch "same" packages name their info files `name:arch`.
    private func infoNames(_ name: String, _ architecture: String?) -> [String] {
        guard let architecture, architecture != "all" else { return [name] }
        return [name, "\(name):\(architecture)"]
    }

    static func lines(_ bytes: [UInt8]) -> [Substring] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
    }
}

import LayerPass
import SBOM

/// Alpine packages from apk's installed database, `lib/apk/db/installed`, with each package's files and the
/// SHA-1 digests apk recorded for them.
public struct ApkCataloger: Cataloger {
    public let name = "apk"

    static let databasePath = "lib/apk/db/installed"
    /// A minimal Alpine image's database is about 30 KiB and one with a full toolchain a few MiB (some 60 bytes
    /// per installed file); 64 MiB leaves room for the largest and bounds a hostile one.
    static let maxDatabaseSize: Int64 = 64 << 20

    public var requests: [FileRequest] {
        [.paths([Self.databasePath], analyzer: name, maxSize: Self.maxDatabaseSize)] + OSReleaseCataloger().requests
    }

    /// Creates the cataloger.
    public init() {}

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        guard let bytes = files.contents(of: Self.databasePath) else { return CatalogOutput() }
        let records: [ApkDatabase.Record]
        do {
            records = try ApkDatabase.parse(bytes)
        } catch {
            let warning = CatalogWarning(cataloger: name, path: Self.databasePath, message: "\(error)",
                                         layer: files.layer(of: Self.databasePath))
            return CatalogOutput(warnings: [warning])
        }
        let system = OSReleaseCataloger.detect(files)
        return CatalogOutput(packages: records.map { package(from: $0, system: system) })
    }

    private func package(from record: ApkDatabase.Record, system: OperatingSystem?) -> Package {
        // `parse` refuses a paragraph without a name or a version.
        let name = record["P"] ?? ""
        let version = record["V"] ?? ""
        let architecture = record["A"]
        var qualifiers: [String: String] = [:]
        if let architecture { qualifiers["arch"] = architecture }
        if let system { qualifiers["distro"] = system.id + (system.versionID.map { "-" + $0 } ?? "") }
        let purl = PackageURL(type: "apk", namespace: system?.id ?? "alpine", name: name, version: version,
                              qualifiers: qualifiers)
        return Package(name: name, version: version, type: .apk, purl: purl.description,
                       licenses: record["L"].map { [$0] } ?? [], locations: [Self.databasePath],
                       architecture: architecture, sourceName: record["o"], dependencies: Self.dependencies(record),
                       provides: Self.provides(record), files: record.files)
    }

    /// `D:` lists what the package needs, separated by spaces: package names with optional version constraints
    /// (`musl>=1.2`), shared objects (`so:libc.musl-x86_64.so.1`), commands (`cmd:sh`) and paths (`/bin/sh`).
    /// Entries starting with `!` are conflicts, not dependencies, and are left out.
    /// `p:` lists what else the package answers to (`cmd:sh`, `so:libc.musl-x86_64.so.1=1`, `/bin/sh`), versions
    /// after `=` dropped.
    static func provides(_ record: ApkDatabase.Record) -> [String] {
        (record["p"] ?? "").split(separator: " ").map { String($0.prefix { $0 != "=" }) }.filter { !$0.isEmpty }
    }

    static func dependencies(_ record: ApkDatabase.Record) -> [String] {
        (record["D"] ?? "").split(separator: " ").filter { !$0.hasPrefix("!") }.map(String.init)
    }
}

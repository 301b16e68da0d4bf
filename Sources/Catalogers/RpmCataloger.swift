import Foundation
import LayerPass
import SBOM

/// rpm packages from the SQLite rpm database of Fedora and the RHEL 9 family (`rpmdb.sqlite`), or from the Berkeley
/// DB hash `Packages` file of RHEL and CentOS 7 and 8, Amazon Linux 2 and Fedora before 33; each in `var/lib/rpm/`,
/// or in `usr/lib/sysimage/rpm/` where rpm's database moved (Fedora 36 on). A `Packages` file beside an
/// `rpmdb.sqlite` is left out: it is what an upgrade left behind, and reading both would list every package twice.
///
/// Shortcomings: the NDB `Packages.db` of SUSE is not read, so SUSE images list no rpm packages. A
/// `rpmdb.sqlite-wal` beside the database is not read either: rpm checkpoints it when it closes, but an image built
/// while rpm was killed would miss the transactions still in the WAL. Likewise a Berkeley DB `Packages` is read
/// without its environment's log (`__db.*`, `log.*`), which images do not normally keep.
public struct RpmCataloger: Cataloger {
    public let name = "rpm"

    static let databasePaths = ["var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite",
                                "var/lib/rpm/Packages", "usr/lib/sysimage/rpm/Packages"]
    /// A hostile database with thousands of broken rows would bury the report; past this many, one summary stands in.
    static let maxWarningsPerDatabase = 20

    /// Where the private copy of each database is written while SQLite reads it.
    let temporaryDirectory: String

    public var requests: [FileRequest] {
        [FileRequest(analyzer: name, maxSize: RpmDatabase.maxSize) { Self.databasePaths.contains($0) }]
            + OSReleaseCataloger().requests
    }

    /// Creates the cataloger.
    public init() { self.init(temporaryDirectory: NSTemporaryDirectory()) }

    init(temporaryDirectory: String) { self.temporaryDirectory = temporaryDirectory }

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        let system = OSReleaseCataloger.detect(files)
        var output = CatalogOutput()
        for path in Self.databasePaths {
            guard let bytes = files.contents(of: path) else { continue }
            // What an upgrade to SQLite left behind; reading it too would list every package twice.
            if Self.isBerkeleyDB(path), files.contents(of: Self.sqlitePath(besides: path)) != nil { continue }
            var skipped: [String] = []
            let readHeader = { (row: Int64, blob: [UInt8]?) in
                do {
                    guard let blob else { throw RpmHeaderError.notABlob }
                    if let package = try package(from: RpmHeader(parsing: blob), database: path, system: system) {
                        output.packages.append(package)
                    }
                } catch {
                    skipped.append("package row \(row): \(error)")
                }
            }
            do {
                if Self.isBerkeleyDB(path) {
                    try Self.forEachBerkeleyDBHeader(in: bytes, readHeader)
                } else {
                    try RpmDatabase.forEachHeader(in: bytes, temporaryDirectory: temporaryDirectory, readHeader)
                }
            } catch {
                // The packages read before the fault are kept: each was a whole header that parsed.
                output.warnings.append(files.warning(name, path, "\(error)"))
            }
            for message in skipped.prefix(Self.maxWarningsPerDatabase) {
                output.warnings.append(files.warning(name, path, message))
            }
            if skipped.count > Self.maxWarningsPerDatabase {
                let more = skipped.count - Self.maxWarningsPerDatabase
                output.warnings.append(files.warning(name, path, "\(more) more package rows could not be read"))
            }
        }
        return output
    }

    /// The package a header describes, or nil for the `gpg-pubkey` entries rpm keeps for imported signing keys.
    func package(from header: RpmHeader, database: String, system: OperatingSystem?) throws(RpmHeaderError)
        -> Package?
    {
        guard let name = try header.string(.name) else { throw .missingTag(.name) }
        guard name != "gpg-pubkey" else { return nil }
        guard let version = try header.string(.version) else { throw .missingTag(.version) }
        guard let release = try header.string(.release) else { throw .missingTag(.release) }
        let epoch = try header.int32s(.epoch)?.first
        let architecture = try header.string(.arch)
        let source = try header.string(.sourceRPM).flatMap(Self.sourcePackage)

        var qualifiers = ["arch": architecture ?? "", "epoch": epoch.map { String($0) } ?? ""]
        if let system { qualifiers["distro"] = system.id + (system.versionID.map { "-" + $0 } ?? "") }
        let purl = PackageURL(type: "rpm", namespace: system?.id, name: name, version: version + "-" + release,
                              qualifiers: qualifiers)
        let sourceVersion = source?.version == version + "-" + release ? nil : source?.version
        return Package(name: name, version: (epoch.map { "\($0):" } ?? "") + version + "-" + release, type: .rpm,
                       purl: purl.description, licenses: try header.string(.license).map { [$0] } ?? [],
                       locations: [database], architecture: architecture, sourceName: source?.name,
                       sourceVersion: sourceVersion, dependencies: try Self.dependencies(header),
                       files: try Self.files(header))
    }

    /// `REQUIRENAME` without rpm's own capabilities (`rpmlib(…)`) and file paths, which name no package.
    static func dependencies(_ header: RpmHeader) throws(RpmHeaderError) -> [String] {
        var seen = Set<String>()
        return (try header.strings(.requireName) ?? []).filter { requirement in
            !requirement.hasPrefix("rpmlib(") && !requirement.hasPrefix("/") && seen.insert(requirement).inserted
        }
    }

    /// `name-version-release.src.rpm` split into the name and `version-release`.
    static func sourcePackage(_ file: String) -> (name: String, version: String)? {
        var stem = Substring(file)
        for suffix in [".src.rpm", ".nosrc.rpm"] where stem.hasSuffix(suffix) { stem = stem.dropLast(suffix.count) }
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        return (parts.dropLast(2).joined(separator: "-"), parts.suffix(2).joined(separator: "-"))
    }
}

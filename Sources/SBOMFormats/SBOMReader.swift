import SBOM

/// Reads CycloneDX and SPDX JSON documents, ours and other tools', into the model the vulnerability matcher works on.
public enum SBOMReader {
    /// The largest document read. Syft's SPDX document for a large image (files included) is tens of megabytes;
    /// Foundation holds the parsed tree at several times the file's size, so this bounds memory to a few GiB.
    public static let maxDocumentSize = 256 * 1024 * 1024

    /// How many components or packages a document may list. The largest images catalogue some tens of thousands;
    /// a million is far past any real image and still bounds the work per document.
    public static let maxPackages = 1_000_000

    /// How deeply arrays and objects may nest. CycloneDX nests components in components (assemblies), real
    /// documents a handful of levels; Foundation's parser recurses per level, so a bound keeps the stack safe.
    public static let maxDepth = 64

    /// The longest name, version, purl or licence read. Real ones are under a kilobyte.
    public static let maxFieldLength = 64 * 1024

    /// How many warnings about skipped packages are kept; past it they are counted in one last warning, so a
    /// document of a million unidentifiable components cannot make the report a million lines longer.
    public static let maxWarnings = 1000

    /// The cataloger name warnings carry.
    static let cataloger = "sbom"

    /// Reads a CycloneDX (1.2–1.7) or SPDX (2.2, 2.3) JSON document; `source` names the file in errors.
    ///
    /// Each component or package with a purl of an ecosystem Safeguard knows becomes a `Package`; one without a purl
    /// is kept when the document says its type, and skipped with a warning otherwise. The distribution is the
    /// document's operating-system component or package, else the `distro` qualifier of its distribution packages.
    /// - Throws: `SBOMReadError` naming `source`, and the JSON path where the document is wrong.
    public static func read(_ bytes: [UInt8], source: String) throws(SBOMReadError) -> SoftwareBillOfMaterials {
        guard bytes.count <= maxDocumentSize else {
            throw .tooLarge(source: source, size: bytes.count, limit: maxDocumentSize)
        }
        let root = try JSONNode.parse(bytes, source: source, maxDepth: maxDepth)
        guard root.value is [String: Any] else { throw root.wrongType("an object") }

        var warnings = ReadWarnings(source: source)
        var read: (system: OperatingSystem?, packages: [Package])
        if try root.member("bomFormat") != nil {
            read = try CycloneDXReader.read(root, warnings: &warnings)
        } else if try root.member("spdxVersion") != nil {
            read = try SPDXReader.read(root, warnings: &warnings)
        } else {
            throw .unknownFormat(source: source)
        }

        let system = read.system ?? distributionFromPurls(read.packages)
        // Sorted through their keys: a package is a large value, and copying each into the comparisons costs more
        // than the comparisons.
        let keys = read.packages.map { ($0.type.rawValue, $0.name, $0.version) }
        read.packages = keys.indices.sorted { keys[$0] < keys[$1] }.map { read.packages[$0] }
        return SoftwareBillOfMaterials(operatingSystem: system, packages: read.packages, warnings: warnings.all)
    }

    /// The distribution the `distro` qualifier of deb, rpm or apk purls names (`debian-12`, `alpine-3.19.1`,
    /// `opensuse-leap-15.5`): the ID is what comes before the last `-`, the version what follows it.
    static func distributionFromPurls(_ packages: [Package]) -> OperatingSystem? {
        for package in packages where [.deb, .rpm, .apk].contains(package.type) {
            guard let purl = try? PackageURL(parsing: package.purl), let distro = purl.qualifiers["distro"] else {
                continue
            }
            guard let dash = distro.lastIndex(of: "-") else { return OperatingSystem(id: distro.lowercased()) }
            let id = distro[..<dash].lowercased()
            let version = String(distro[distro.index(after: dash)...])
            guard !id.isEmpty else { continue }
            return OperatingSystem(id: id, versionID: version.isEmpty ? nil : version)
        }
        return nil
    }
}

/// The warnings a read collects, at most `SBOMReader.maxWarnings` of them.
struct ReadWarnings {
    let source: String
    private(set) var kept: [CatalogWarning] = []
    private(set) var dropped = 0

    init(source: String) { self.source = source }

    /// Adds a warning about the element at `path`.
    mutating func add(_ message: String, at path: String) {
        guard kept.count < SBOMReader.maxWarnings else {
            dropped += 1
            return
        }
        kept.append(CatalogWarning(cataloger: SBOMReader.cataloger, path: source, message: path + ": " + message))
    }

    /// The warnings kept, and one counting those left out.
    var all: [CatalogWarning] {
        guard dropped > 0 else { return kept }
        return kept + [CatalogWarning(cataloger: SBOMReader.cataloger, path: source,
                                      message: "\(dropped) more components were skipped likewise")]
    }
}

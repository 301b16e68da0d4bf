import SBOM

/// What a document says of one package, gathered by a format reader before it becomes a `Package`.
struct PackageRecord {
    /// The name as the document writes it.
    var name: String
    /// The document's version field.
    var version: String?
    /// The purl, as written.
    var purl: String?
    /// CycloneDX `group` (a Maven groupId, an npm scope).
    var group: String?
    /// The ecosystem the document names other than by purl (`safeguard:package:type`, `syft:package:type`).
    var declaredType: String?
    var licenses: [String] = []
    var locations: [String] = []
    var introducedLayer: Int?
    var changedLayer: Int?
    var architecture: String?
    var sourceName: String?
    var sourceVersion: String?
    /// Where the element is, for warnings.
    var path: String
}

extension SBOMReader {
    /// Syft's package types, for components it wrote without a purl, and ours (the purl types). Syft's `binary`
    /// packages belong to no one ecosystem and are left out.
    static let declaredTypes: [String: PackageType] = {
        var types: [String: PackageType] = ["python": .pypi, "go-module": .golang, "java-archive": .maven,
                                            "rust-crate": .cargo, "php-composer": .composer]
        for type in PackageType.allCases { types[type.rawValue] = type }
        return types
    }()

    /// The package `record` describes, or nil (with a warning) when neither its purl nor its document says which
    /// ecosystem it belongs to.
    static func package(from record: PackageRecord, warnings: inout ReadWarnings) -> Package? {
        var purl: PackageURL?
        if let text = record.purl, !text.isEmpty {
            do {
                purl = try PackageURL(parsing: text)
            } catch {
                warnings.add("\"\(record.name)\" skipped: \(error)", at: record.path)
                return nil
            }
        }
        guard let type = purl.map({ PackageType(rawValue: $0.type) }) ?? record.declaredType.flatMap({
            declaredTypes[$0] }) else {
            let reason = purl.map { "its purl type \"\($0.type)\" is not an ecosystem Safeguard matches" }
                ?? "it has no purl and no package type"
            warnings.add("\"\(record.name)\" skipped: \(reason)", at: record.path)
            return nil
        }

        let name = purl.map { ecosystemName($0, type: type, written: record.name) }
            ?? record.group.map { type == .maven ? "\($0):\(record.name)" : "\($0)/\(record.name)" } ?? record.name
        let version = record.version ?? purl.map(ecosystemVersion) ?? ""
        var package = Package(name: name, version: version, type: type, purl: purl?.description ?? "",
                              licenses: record.licenses, locations: record.locations,
                              introducedLayer: record.introducedLayer, changedLayer: record.changedLayer,
                              architecture: record.architecture ?? purl?.qualifiers["arch"],
                              sourceName: record.sourceName, sourceVersion: record.sourceVersion)
        if package.sourceName == nil, [.deb, .rpm, .apk].contains(type), let upstream = purl?.qualifiers["upstream"] {
            // Syft writes `upstream=glibc` or, when the source version differs, `upstream=bash@5.2.15-2`.
            let parts = upstream.split(separator: "@", maxSplits: 1).map(String.init)
            package.sourceName = parts.first
            package.sourceVersion = parts.count > 1 ? parts[1] : nil
        }
        if package.sourceVersion == package.version { package.sourceVersion = nil }
        return package
    }

    /// The name as Safeguard's catalogers and OSV spell it in `type`'s ecosystem: Maven `group:artifact`, npm
    /// `@scope/name`, Go and Composer `namespace/name`; PyPI the written name when it is the purl's, normalised.
    static func ecosystemName(_ purl: PackageURL, type: PackageType, written: String) -> String {
        switch type {
        case .maven: return purl.namespace.map { "\($0):\(purl.name)" } ?? purl.name
        case .npm, .golang, .composer: return purl.namespace.map { "\($0)/\(purl.name)" } ?? purl.name
        case .pypi:
            let normalised = PackageURL(type: "pypi", name: written).name
            return normalised == purl.name ? written : purl.name
        case .deb, .apk, .rpm, .gem, .cargo: return purl.name
        }
    }

    /// The version a purl carries, with the `epoch` qualifier rpm purls keep apart put back in front.
    static func ecosystemVersion(_ purl: PackageURL) -> String {
        let version = purl.version ?? ""
        guard let epoch = purl.qualifiers["epoch"], !version.isEmpty, !version.contains(":") else { return version }
        return epoch + ":" + version
    }
}

import LayerPass
import SBOM

/// PHP packages Composer installed, from `vendor/composer/installed.json`: a JSON array of packages (Composer 1)
/// or an object whose `packages` holds that array (Composer 2).
public struct ComposerCataloger: Cataloger {
    public let name = "composer"

    /// Each package's entry carries its autoload map and description, a few KiB; large applications with a few
    /// hundred packages reach a couple of MiB. 16 MiB keeps those and bounds a hostile one.
    static let maxInstalledSize: Int64 = 16 << 20
    /// Composer keeps its record inside the vendor directory, wherever the project puts that.
    static let installedSuffix = "vendor/composer/installed.json"

    public var requests: [FileRequest] {
        [FileRequest(analyzer: name, maxSize: Self.maxInstalledSize, matches: Self.isInstalledFile)]
    }

    /// Creates the cataloger.
    public init() {}

    /// Whether `path` is Composer's record of installed packages.
    static func isInstalledFile(_ path: String) -> Bool {
        path.hasSuffix(installedSuffix)
            && (path.count == installedSuffix.count || path.dropLast(installedSuffix.count).hasSuffix("/"))
    }

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        var output = CatalogOutput()
        for path in files.paths(where: Self.isInstalledFile) {
            let (packages, problems) = Self.packages(in: files.contents(of: path)!, at: path)
            output.packages += packages
            output.warnings += problems.map { files.warning(name, path, $0) }
        }
        output.packages = output.packages.mergingDuplicates()
        return output
    }

    /// The packages `bytes` lists and what was wrong with the file or its entries (one message per kind).
    static func packages(in bytes: [UInt8], at path: String) -> (packages: [Package], problems: [String]) {
        let document: Any
        do {
            document = try JSONDocument.parse(bytes)
        } catch {
            return ([], ["\(error)"])
        }
        let entries: [Any]
        switch document {
        case let array as [Any]: entries = array
        case let object as [String: Any]:
            guard let array = object["packages"] as? [Any] else {
                return ([], ["an object without a 'packages' array (Composer 2's shape)"])
            }
            entries = array
        default: return ([], ["neither an array of packages (Composer 1) nor an object with 'packages' (Composer 2)"])
        }

        var packages: [Package] = []
        var problems: [String] = []
        for (position, entry) in entries.enumerated() {
            guard let fields = entry as? [String: Any], let name = fields["name"] as? String,
                  let version = fields["version"] as? String, !name.isEmpty, !version.isEmpty
            else {
                // One warning for the first bad entry: a hostile file of a million bad entries gives one line.
                if problems.isEmpty {
                    problems.append("package \(position): not an object with a string name and version")
                }
                continue
            }
            let slash = name.firstIndex(of: "/")
            let purl = PackageURL(type: "composer", namespace: slash.map { String(name[..<$0]) },
                                  name: slash.map { String(name[name.index(after: $0)...]) } ?? name,
                                  version: version)
            packages.append(Package(name: name, version: version, type: .composer, purl: purl.description,
                                    licenses: licenses(fields["license"]), locations: [path]))
        }
        return (packages, problems)
    }

    /// `license` as an array of names, or one name.
    static func licenses(_ value: Any?) -> [String] {
        switch value {
        case let name as String where !name.isEmpty: [name]
        case let names as [Any]: names.compactMap { $0 as? String }.filter { !$0.isEmpty }
        default: []
        }
    }
}

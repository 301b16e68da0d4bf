import Foundation
import LayerPass
import SBOM

/// Installed npm packages: the `package.json` at the root of each package directory under `node_modules/` (nested
/// ones included) and under Debian's `usr/share/nodejs/` and `usr/lib/nodejs/`, where the `node-*` packages go.
///
/// Only package roots count (`node_modules/name/` or `node_modules/@scope/name/`): `package.json` files deeper in
/// a package are build markers (`{"type": "module"}`), test fixtures or bundled examples, not installed packages.
public struct NpmCataloger: Cataloger {
    public let name = "npm"

    /// Installed manifests are a few KiB; older npm versions copied the README in, which reaches a few hundred
    /// KiB. 1 MiB keeps those and bounds a hostile one.
    static let maxManifestSize: Int64 = 1 << 20
    /// Where Debian installs Node modules; multi-arch ones go to `usr/lib/<triplet>/nodejs/`.
    static let systemDirectories = ["usr/share/nodejs/", "usr/lib/nodejs/"]

    public var requests: [FileRequest] {
        [FileRequest(analyzer: name, maxSize: Self.maxManifestSize, matches: Self.isPackageManifest)]
    }

    /// Creates the cataloger.
    public init() {}

    /// Whether `path` is the `package.json` at the root of an installed package. Runs for every tar entry, so it
    /// fails on the suffix first and never scans more than the path once.
    static func isPackageManifest(_ path: String) -> Bool {
        guard path.hasSuffix("/package.json") else { return false }
        let directory = path.dropLast("/package.json".count)
        if let marker = directory.range(of: "node_modules/", options: .backwards),
           marker.lowerBound == directory.startIndex || directory[directory.index(before: marker.lowerBound)] == "/" {
            return isPackageDirectory(directory[marker.upperBound...])
        }
        for prefix in systemDirectories where directory.hasPrefix(prefix) {
            return isPackageDirectory(directory.dropFirst(prefix.count))
        }
        if directory.hasPrefix("usr/lib/") {
            let triplet = directory.dropFirst("usr/lib/".count)
            if let marker = triplet.range(of: "/nodejs/"), marker.lowerBound != triplet.startIndex,
               triplet[..<marker.lowerBound].firstIndex(of: "/") == nil {
                return isPackageDirectory(triplet[marker.upperBound...])
            }
        }
        return false
    }

    /// `name` or `@scope/name`.
    private static func isPackageDirectory(_ relative: Substring) -> Bool {
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        switch components.count {
        case 1: return !components[0].isEmpty && components[0].first != "@" && components[0] != "node_modules"
        case 2: return components[0].count > 1 && components[0].first == "@" && !components[1].isEmpty
        default: return false
        }
    }

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        var output = CatalogOutput()
        for path in files.paths(where: Self.isPackageManifest) {
            do {
                if let package = try Self.package(from: files.contents(of: path)!, at: path) {
                    output.packages.append(package)
                }
            } catch {
                output.warnings.append(files.warning(name, path, "\(error)"))
            }
        }
        output.packages = output.packages.mergingDuplicates()
        return output
    }

    /// Why a manifest at a package root was rejected.
    enum ManifestError: Error, CustomStringConvertible {
        case json(JSONDocument.ParseError)
        case notAnObject
        case notAString(field: String)

        var description: String {
            switch self {
            case .json(let error): "\(error)"
            case .notAnObject: "package.json is not a JSON object"
            case .notAString(let field): "'\(field)' is not a string"
            }
        }
    }

    /// The package `bytes` describe, or nil for a manifest without a name or version (a workspace root, a
    /// private app); throws for one that is not a manifest at all.
    static func package(from bytes: [UInt8], at path: String) throws(ManifestError) -> Package? {
        let document: Any
        do {
            document = try JSONDocument.parse(bytes)
        } catch {
            throw .json(error)
        }
        guard let manifest = document as? [String: Any] else { throw .notAnObject }
        guard let nameValue = manifest["name"], let versionValue = manifest["version"] else { return nil }
        guard let name = nameValue as? String else { throw .notAString(field: "name") }
        guard let version = versionValue as? String else { throw .notAString(field: "version") }
        guard !name.isEmpty, !version.isEmpty else { return nil }

        var namespace: String?
        var bareName = name
        if name.hasPrefix("@"), let slash = name.firstIndex(of: "/") {
            namespace = String(name[..<slash])
            bareName = String(name[name.index(after: slash)...])
        }
        let purl = PackageURL(type: "npm", namespace: namespace, name: bareName, version: version)
        return Package(name: name, version: version, type: .npm, purl: purl.description,
                       licenses: licenses(manifest), locations: [path])
    }

    /// `license` as a string, a legacy `{type}` object or an array of either; the legacy `licenses` array too.
    static func licenses(_ manifest: [String: Any]) -> [String] {
        var names: [String] = []
        func add(_ value: Any?) {
            switch value {
            case let text as String where !text.isEmpty: if !names.contains(text) { names.append(text) }
            case let object as [String: Any]: add(object["type"] as? String)
            case let array as [Any]: for element in array { add(element) }
            default: return
            }
        }
        add(manifest["license"])
        add(manifest["licenses"])
        return names
    }
}

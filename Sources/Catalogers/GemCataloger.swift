import LayerPass
import SBOM

/// Installed Ruby gems, from the specifications RubyGems and Debian's rubygems-integration keep in every gem
/// directory's `specifications/` (default gems in `specifications/default/`): `usr/lib/ruby/gems/3.1.0/`,
/// `var/lib/gems/*/`, `usr/share/rubygems-integration/all/`, a bundler `vendor/bundle/ruby/*/`.
public struct GemCataloger: Cataloger {
    public let name = "gem"

    /// Installed specifications are a few KiB; a gem listing thousands of files reaches a few hundred KiB.
    /// 1 MiB keeps those and bounds a hostile one.
    static let maxSpecificationSize: Int64 = 1 << 20

    public var requests: [FileRequest] {
        [FileRequest(analyzer: name, maxSize: Self.maxSpecificationSize, matches: Self.isSpecification)]
    }

    /// Creates the cataloger.
    public init() {}

    /// Whether `path` is a gem specification in a gem directory.
    static func isSpecification(_ path: String) -> Bool {
        path.hasSuffix(".gemspec") && (path.hasPrefix("specifications/") || path.contains("/specifications/"))
    }

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        var output = CatalogOutput()
        for path in files.paths(where: Self.isSpecification) {
            let specification: Gemspec
            do {
                specification = try Gemspec.parse(files.contents(of: path)!)
            } catch {
                output.warnings.append(files.warning(name, path, "\(error)"))
                continue
            }
            let purl = PackageURL(type: "gem", name: specification.name, version: specification.version)
            output.packages.append(Package(name: specification.name, version: specification.version, type: .gem,
                                           purl: purl.description, licenses: specification.licenses,
                                           locations: [path]))
        }
        output.packages = output.packages.mergingDuplicates()
        return output
    }
}

import LayerPass
import SBOM
import Zip

/// Maven packages in Java archives (`.jar`, `.war`, `.ear`, and Jenkins plugins `.jpi`, `.hpi`): one per
/// `META-INF/maven/…/pom.properties`, or one from `META-INF/MANIFEST.MF` and the file name when there is none,
/// including archives nested inside (Spring Boot's `BOOT-INF/lib`, a war's `WEB-INF/lib`, an ear's modules).
///
/// A file that is not a zip archive, or whose directory is malformed, gives a warning and no packages; a member
/// that cannot be read gives a warning and the rest of the archive is still read.
public struct JavaArchiveCataloger: Cataloger {
    public let name = "java-archive"

    /// The file name endings read, lowercase.
    static let extensions = [".jar", ".war", ".ear", ".jpi", ".hpi"]
    /// The largest archive kept. Application wars and Spring Boot fat jars run to 100–200 MiB; 256 MiB keeps those
    /// and bounds what one file can make the pass hold, as for Go binaries.
    static let maxArchiveSize: Int64 = 256 << 20

    /// Every regular file named like a Java archive, wherever it is. Files are kept whatever their first bytes:
    /// a file named `.jar` that is not a zip is worth a warning, and an executable jar starts with a script.
    public var requests: [FileRequest] {
        [FileRequest(analyzer: name, maxSize: Self.maxArchiveSize,
                     selecting: { $0.kind == .file && Self.isJavaArchive($0.path) })]
    }

    /// Creates the cataloger.
    public init() {}

    /// Whether `path` ends in a Java archive extension, in any case.
    static func isJavaArchive(_ path: String) -> Bool {
        let lowercased = path.lowercased()
        return extensions.contains { lowercased.hasSuffix($0) }
    }

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        var output = CatalogOutput()
        for path in files.paths(where: Self.isJavaArchive) {
            guard let bytes = files.contents(of: path) else { continue }
            var reader = JavaArchiveReader()
            do {
                output.packages += try reader.packages(in: bytes, at: path, depth: 0)
            } catch {
                output.warnings.append(files.warning(name, path, "\(error)"))
            }
            output.warnings += reader.warnings.map { files.warning(name, path, $0) }
        }
        output.packages = output.packages.mergingDuplicates()
        return output
    }
}

import LayerPass
import SBOM

/// Finds packages of one ecosystem in the image's files.
///
/// A cataloger says up front which files it needs (the layer pass keeps only those bytes), then reads them from a
/// view of the image after some layer. It is run once per layer that changed one of its files, so it must be a
/// pure function of that view.
public protocol Cataloger: Sendable {
    /// A short name for warnings, e.g. `dpkg`.
    var name: String { get }
    /// The files the layer pass must keep.
    var requests: [FileRequest] { get }
    /// The packages (and, for OS catalogers, the distribution) in `files`.
    func catalog(_ files: CatalogFiles) -> CatalogOutput
}

/// What one cataloger found in one view of the image.
public struct CatalogOutput: Sendable {
    /// The packages found.
    public var packages: [Package]
    /// Files that could not be read.
    public var warnings: [CatalogWarning]
    /// The distribution, from OS catalogers.
    public var operatingSystem: OperatingSystem?

    /// Creates an output.
    public init(packages: [Package] = [], warnings: [CatalogWarning] = [], operatingSystem: OperatingSystem? = nil) {
        self.packages = packages
        self.warnings = warnings
        self.operatingSystem = operatingSystem
    }
}

/// The image's kept files as they stand after one layer: whiteouts applied, later layers' versions winning.
public struct CatalogFiles: Sendable {
    /// Path → the bytes and the layer that wrote them.
    var files: [String: (bytes: [UInt8], layer: Int)]

    /// The bytes of `path`, if it was kept and still exists.
    public func contents(of path: String) -> [UInt8]? { files[path]?.bytes }

    /// The layer whose version of `path` this is.
    public func layer(of path: String) -> Int? { files[path]?.layer }

    /// Every kept path, sorted.
    public var paths: [String] { files.keys.sorted() }

    /// Kept paths for which `matches` holds, sorted.
    public func paths(where matches: (String) -> Bool) -> [String] { files.keys.filter(matches).sorted() }
}

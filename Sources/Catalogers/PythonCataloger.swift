import LayerPass
import SBOM

/// Installed Python distributions, wherever they sit (`site-packages`, Debian's `dist-packages`, a virtualenv):
/// `*.dist-info/METADATA` with the files and digests its `RECORD` lists, and setuptools' `*.egg-info/PKG-INFO` or
/// a `*.egg-info` file that is itself the metadata.
public struct PythonCataloger: Cataloger {
    public let name = "python"

    /// Most metadata files are a few KiB, but the description may embed a whole README and changelog (some SDKs
    /// reach several hundred KiB); 4 MiB keeps those while bounding what a hostile file costs.
    static let maxMetadataSize: Int64 = 4 << 20
    /// A `RECORD` lists one line of about 100 bytes per file; 16 MiB is well over 100,000 files, more than the
    /// largest wheels install.
    static let maxRecordSize: Int64 = 16 << 20

    public var requests: [FileRequest] {
        [
            FileRequest(analyzer: name, maxSize: Self.maxMetadataSize, matches: Self.isMetadata),
            FileRequest(analyzer: name, maxSize: Self.maxRecordSize) { $0.hasSuffix(".dist-info/RECORD") },
        ]
    }

    /// Creates the cataloger.
    public init() {}

    /// Whether `path` is a distribution's metadata file.
    static func isMetadata(_ path: String) -> Bool {
        path.hasSuffix(".dist-info/METADATA") || path.hasSuffix(".egg-info/PKG-INFO") || path.hasSuffix(".egg-info")
    }

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        var output = CatalogOutput()
        for path in files.paths(where: Self.isMetadata) {
            let metadata: PythonMetadata
            do {
                metadata = try PythonMetadata.parse(files.contents(of: path)!)
            } catch {
                output.warnings.append(files.warning(name, path, "\(error)"))
                continue
            }
            var package = Self.package(from: metadata, at: path)
            if path.hasSuffix(".dist-info/METADATA") {
                attachRecord(to: &package, metadataPath: path, files: files, warnings: &output.warnings)
            }
            output.packages.append(package)
        }
        output.packages = output.packages.mergingDuplicates()
        return output
    }

    /// The distribution `metadata` describes, found at `path`.
    static func package(from metadata: PythonMetadata, at path: String) -> Package {
        let name = metadata.first("Name")!
        let version = metadata.first("Version")!
        let purl = PackageURL(type: "pypi", name: name, version: version)
        return Package(name: name, version: version, type: .pypi, purl: purl.description,
                       licenses: licenses(metadata), locations: [path])
    }

    /// PEP 639's `License-Expression` when present; else the `License` field when it names a licence rather than
    /// holding its text; else the names in `License ::` classifiers.
    static func licenses(_ metadata: PythonMetadata) -> [String] {
        if let expression = metadata.first("License-Expression"), !expression.isEmpty { return [expression] }
        if let license = metadata.first("License"), !license.isEmpty, license != "UNKNOWN", !license.contains("\n") {
            return [license]
        }
        var names: [String] = []
        for classifier in metadata.all("Classifier") {
            let parts = classifier.split(separator: "::").map { $0.trimmingSpaces() }
            guard parts.count >= 2, parts[0] == "License", let last = parts.last, last != "OSI Approved" else {
                continue
            }
            if !names.contains(last) { names.append(last) }
        }
        return names
    }

    /// Adds the files the sibling `RECORD` lists; rows that cannot be read are named in one warning.
    private func attachRecord(to package: inout Package, metadataPath: String, files: CatalogFiles,
                              warnings: inout [CatalogWarning]) {
        let distInfo = String(metadataPath.dropLast("/METADATA".count))
        let recordPath = distInfo + "/RECORD"
        guard let bytes = files.contents(of: recordPath) else { return }
        let base = distInfo.split(separator: "/").dropLast().joined(separator: "/")
        let (recorded, problems) = PythonRecord.parse(bytes, base: base)
        package.locations.append(recordPath)
        package.files = recorded
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more rows)" : ""
            warnings.append(files.warning(name, recordPath, "\(first)\(more)"))
        }
    }
}

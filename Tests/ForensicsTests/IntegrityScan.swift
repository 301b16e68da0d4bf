import Catalogers
import Findings
import Forensics
import ImageModel
import ImageSources
import LayerPass
import SBOM
import TestSupport

/// Runs what a scan runs for `integrity.package-file-modified` over uncompressed tar layers, base first: the layer
/// pass with the catalogers' requests and the check's digest request, the catalog, the merge, the check.
struct IntegrityScan {
    /// One layer: a tar file on disk (a real root filesystem) or entries written in memory.
    enum Layer {
        case file(path: String, digest: Digest, size: Int64)
        case entries([TarWriter.Entry])
    }

    /// Uncompressed layers: the tests measure the check, not gzip.
    static let tarLayer = "application/vnd.oci.image.layer.v1.tar"

    let outcome: PackageFileIntegrity.Outcome
    let layers: [LayerResult]
    let sbom: SoftwareBillOfMaterials
    /// How many files `completeDigests` had to digest again.
    let digestedAgain: Int

    /// The findings of the check.
    var findings: [Finding] { outcome.findings }

    init(_ layers: [Layer]) throws {
        var blobs: [Digest: [UInt8]] = [:]
        var files: [Digest: String] = [:]
        let descriptors = layers.map { layer in
            switch layer {
            case .file(let path, let digest, let size):
                files[digest] = path
                return Descriptor(mediaType: Self.tarLayer, digest: digest, size: size)
            case .entries(let entries):
                let bytes = TarWriter.archive(entries)
                let digest = Digest.of(bytes)
                blobs[digest] = bytes
                return Descriptor(mediaType: Self.tarLayer, digest: digest, size: Int64(bytes.count))
            }
        }
        let requests = Catalog.requests(Catalog.defaultCatalogers) + [PackageFileIntegrity.request]
        let pass = LayerPass(concurrency: 2, requests: requests, digests: PackageFileIntegrity.digestRequest)
        let (memory, disk) = (blobs, files)
        let open: LayerPass.BlobOpener = { descriptor in
            if let path = disk[descriptor.digest] { return try FileStream(path: path) }
            return MemoryByteStream(memory[descriptor.digest]!)
        }
        var results = try pass.run(layers: descriptors, diffIDs: descriptors.map(\.digest), open: open)
        sbom = Catalog.run(layers: results)
        let fileSystem = FileSystem(layers: results.map(\.changes))
        digestedAgain = try PackageFileIntegrity.completeDigests(&results, sbom: sbom, fileSystem: fileSystem,
                                                                 open: open)
        self.layers = results
        outcome = PackageFileIntegrity.check(sbom, fileSystem: fileSystem, layers: results)
    }

    /// The Debian bookworm minbase root filesystem as an uncompressed layer, hashed once.
    static let debianBase: Result<Layer, any Error> = Result {
        try layer(tarball: try FixtureImages.debianRootfs.get())
    }

    /// Debian bookworm minbase with Python, Node, Ruby and PHP packages installed by apt, hashed once.
    static let debianLanguages: Result<Layer, any Error> = Result {
        try layer(tarball: try FixtureImages.languageRootfs.get())
    }

    /// An uncompressed tarball as a layer.
    static func layer(tarball path: String) throws -> Layer {
        let stream = try FileStream(path: path)
        let digester = Digester()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while case let count = try stream.read(into: buffer), count > 0 {
            digester.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return .file(path: path, digest: digester.finalize(), size: digester.count)
    }

    /// A member of the Debian root filesystem tarball, as text.
    static func debianMember(_ path: String) throws -> String {
        try Shell.run(["tar", "-xOf", try FixtureImages.debianRootfs.get(), "./" + path]).stdout
    }
}

import ImageModel

/// An OCI image layout packed in an uncompressed tar file, as `skopeo copy … oci-archive:FILE` writes it.
public struct OCIArchiveSource: ImageSource {
    public let location: ImageLocation
    private let archive: ArchiveIndex
    private let tag: String?

    /// Indexes the archive's members.
    /// - Throws: `SourceError` when the file is not a tar holding an OCI layout.
    public init(path: String, tag: String?) throws {
        self.location = .ociArchive(path: path, tag: tag)
        self.archive = try ArchiveIndex(path: path)
        self.tag = tag
        guard let marker = try archive.read("oci-layout", limit: OCILayoutSource.maxMarkerSize) else {
            throw SourceError.invalidLayout(path, reason: "no oci-layout file in the archive")
        }
        try LayoutIndex.checkMarker(marker, place: path)
    }

    public func fetchRootManifest() throws -> FetchedManifest {
        guard let bytes = try archive.read("index.json", limit: ManifestDocument.maxSize) else {
            throw SourceError.invalidLayout(archive.path, reason: "no index.json in the archive")
        }
        let index = try LayoutIndex(bytes: bytes, place: archive.path)
        return try fetchManifest(try index.select(tag: tag, place: archive.path))
    }

    public func fetchManifest(_ descriptor: Descriptor) throws -> FetchedManifest {
        let bytes = try readBlob(descriptor, limit: ManifestDocument.maxSize)
        return FetchedManifest(bytes: bytes, mediaType: descriptor.mediaType, digest: descriptor.digest)
    }

    public func openBlob(_ descriptor: Descriptor) throws -> any ByteStream {
        let name = "blobs/\(descriptor.digest.algorithm.rawValue)/\(descriptor.digest.encoded)"
        guard let stream = try archive.open(name) else {
            throw SourceError.blobNotFound(descriptor.digest, in: archive.path)
        }
        return stream
    }
}

import ImageModel

/// A manifest or index as a source returned it, before interpretation.
public struct FetchedManifest: Sendable {
    /// The exact bytes received; their digest is the image's identity.
    public var bytes: [UInt8]
    /// The media type the transport declared (HTTP `Content-Type`, descriptor or index entry), if any.
    public var mediaType: String?
    /// The digest of `bytes`, verified against whatever the source claimed.
    public var digest: Digest
}

/// A place an image's manifests and blobs can be read from.
///
/// Sources verify what they can see (a pinned digest, `Docker-Content-Digest`); blob bytes are verified by
/// the caller as they stream, against the descriptor it asked with.
public protocol ImageSource: Sendable {
    /// The location, for messages and the report.
    var location: ImageLocation { get }

    /// Fetches the manifest or index the location names.
    func fetchRootManifest() throws -> FetchedManifest

    /// Fetches a manifest listed in an index, verified against `descriptor`.
    func fetchManifest(_ descriptor: Descriptor) throws -> FetchedManifest

    /// Opens a blob for streaming. The stream is not verified: wrap it in a `DigestingStream`.
    func openBlob(_ descriptor: Descriptor) throws -> any ByteStream
}

extension ImageSource {
    /// Reads a small blob (a config) whole, verifying its digest and size.
    /// - Throws: `SourceError` when it is larger than `limit` or does not match `descriptor`.
    public func readBlob(_ descriptor: Descriptor, limit: Int) throws -> [UInt8] {
        let what = "\(location): blob \(descriptor.digest)"
        // Refuse before reading: the descriptor's size is what we were promised, and anything larger is refused.
        guard descriptor.size <= Int64(limit) else {
            throw SourceError.read(what: what, reason: "\(descriptor.size) bytes exceeds the \(limit)-byte limit")
        }
        var stream = DigestingStream(AnyByteStream(try openBlob(descriptor)), expected: descriptor.digest,
                                     expectedSize: descriptor.size)
        do {
            return try stream.readAll(limit: limit)
        } catch let error as DigestError {
            throw SourceError.read(what: what, reason: error.description)
        } catch let error as ByteStreamError {
            throw SourceError.read(what: what, reason: error.description)
        }
    }
}

/// Opens the source a location names.
/// - Throws: `SourceError` when the file or layout cannot be opened.
public func openSource(_ location: ImageLocation, options: RegistryOptions = RegistryOptions()) throws
    -> any ImageSource
{
    switch location {
    case .registry(let reference): try RegistrySource(reference: reference, options: options)
    case .ociLayout(let path, let tag): try OCILayoutSource(directory: path, tag: tag)
    case .ociArchive(let path, let tag): try OCIArchiveSource(path: path, tag: tag)
    case .dockerArchive(let path, let reference): try DockerArchiveSource(path: path, reference: reference)
    }
}

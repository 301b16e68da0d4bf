import ImageModel

extension RegistryClient {
    /// Fetches the manifest a descriptor names, refusing it unless its size and digest are the descriptor's.
    /// - Throws: `SourceError` when the descriptor's size is beyond the manifest bound, the fetch fails, or the
    ///   bytes differ from what the descriptor promised.
    public func fetchManifest(repository: String, descriptor: Descriptor) throws -> FetchedManifest {
        let what = "manifest \(registry)/\(repository)@\(descriptor.digest)"
        // Refuse before asking: the descriptor's size is the promise, and a larger one is a resource attack.
        guard descriptor.size <= Int64(ManifestDocument.maxSize) else {
            throw SourceError.read(what: what, reason: "\(descriptor.size) bytes exceeds the "
                                   + "\(ManifestDocument.maxSize)-byte limit")
        }
        var fetched = try fetchManifest(repository: repository, reference: descriptor.digest.description)
        guard fetched.bytes.count == descriptor.size else {
            throw SourceError.read(what: what, reason: "\(fetched.bytes.count) bytes, but its descriptor says "
                                   + "\(descriptor.size)")
        }
        fetched.mediaType = fetched.mediaType ?? descriptor.mediaType
        return fetched
    }

    /// Fetches the manifest at a tag, or nil when the registry has no such tag (or repository).
    /// - Throws: `SourceError` for every other failure: a missing tag is an answer, a broken registry is not.
    public func fetchManifestIfPresent(repository: String, tag: String) throws -> FetchedManifest? {
        do {
            return try fetchManifest(repository: repository, reference: tag)
        } catch SourceError.registry(_, 404, _, _) {
            return nil
        }
    }

    /// Reads a small blob whole, verified against the descriptor's digest and size.
    /// - Throws: `SourceError` when the descriptor's size exceeds `limit`, the fetch fails, or the bytes do not
    ///   match.
    public func readBlob(repository: String, descriptor: Descriptor, limit: Int) throws -> [UInt8] {
        let what = "blob \(descriptor.digest) in \(registry)/\(repository)"
        guard descriptor.size <= Int64(limit) else {
            throw SourceError.read(what: what, reason: "\(descriptor.size) bytes exceeds the \(limit)-byte limit")
        }
        let stream = try openBlob(repository: repository, digest: descriptor.digest)
        var verified = DigestingStream(AnyByteStream(stream), expected: descriptor.digest,
                                       expectedSize: descriptor.size)
        do {
            return try verified.readAll(limit: limit)
        } catch let error as DigestError {
            throw SourceError.read(what: what, reason: error.description)
        } catch let error as ByteStreamError {
            throw SourceError.read(what: what, reason: error.description)
        }
    }
}

import ImageModel

/// An image in a registry, read through the distribution API.
public struct RegistrySource: ImageSource {
    public let location: ImageLocation
    /// The reference being read.
    public let reference: Reference
    /// The client, shared by all fetches of this image.
    public let client: RegistryClient

    /// Prepares to read `reference`; no network traffic happens until a fetch.
    /// - Throws: `SourceError.credentials` when stored credentials cannot be read.
    public init(reference: Reference, options: RegistryOptions) throws {
        self.location = .registry(reference)
        self.reference = reference
        self.client = try RegistryClient(registry: reference.registry, host: reference.registryHost, options: options)
    }

    public func fetchRootManifest() throws -> FetchedManifest {
        try client.fetchManifest(repository: reference.repository, reference: reference.manifestReference)
    }

    public func fetchManifest(_ descriptor: Descriptor) throws -> FetchedManifest {
        guard descriptor.size <= Int64(ManifestDocument.maxSize) else {
            let limit = ManifestDocument.maxSize
            throw SourceError.read(what: "manifest \(descriptor.digest)",
                                   reason: "\(descriptor.size) bytes exceeds the \(limit)-byte limit")
        }
        var fetched = try client.fetchManifest(repository: reference.repository,
                                               reference: descriptor.digest.description)
        fetched.mediaType = fetched.mediaType ?? descriptor.mediaType
        return fetched
    }

    public func openBlob(_ descriptor: Descriptor) throws -> any ByteStream {
        try client.openBlob(repository: reference.repository, digest: descriptor.digest)
    }
}

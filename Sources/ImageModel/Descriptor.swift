/// An OCI content descriptor: what a manifest or index says about a blob it points to.
public struct Descriptor: Codable, Hashable, Sendable {
    /// The media type of the referenced content.
    public var mediaType: String
    /// The digest of the referenced content; the content is believed only once it hashes to this.
    public var digest: Digest
    /// The size in bytes of the referenced content.
    public var size: Int64
    /// Other places the content may be fetched from (foreign layers).
    public var urls: [String]?
    /// Arbitrary metadata.
    public var annotations: [String: String]?
    /// The platform of a manifest listed in an index.
    public var platform: Platform?
    /// The type of an artifact, when the descriptor points to one.
    public var artifactType: String?

    /// Creates a descriptor.
    public init(mediaType: String, digest: Digest, size: Int64, platform: Platform? = nil,
                annotations: [String: String]? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.platform = platform
        self.annotations = annotations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mediaType = try container.decode(String.self, forKey: .mediaType)
        guard MediaType.isWellFormed(mediaType) else {
            throw DecodingError.dataCorruptedError(forKey: .mediaType, in: container,
                                                   debugDescription: "'\(mediaType)' is not a type/subtype media type")
        }
        digest = try container.decode(Digest.self, forKey: .digest)
        size = try container.decode(Int64.self, forKey: .size)
        // A negative size can never be satisfied and would turn bounds arithmetic upside down.
        guard size >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .size, in: container, debugDescription: "negative size")
        }
        urls = try container.decodeIfPresent([String].self, forKey: .urls)
        annotations = try container.decodeIfPresent([String: String].self, forKey: .annotations)
        platform = try container.decodeIfPresent(Platform.self, forKey: .platform)
        artifactType = try container.decodeIfPresent(String.self, forKey: .artifactType)
    }
}

import ImageModel

/// An image resolved to one platform: its manifest and config, verified, and where they came from.
public struct ResolvedImage: Sendable {
    /// Where the image was read from.
    public var location: ImageLocation
    /// The digest of the image manifest: the image's identity.
    public var manifestDigest: Digest
    /// The manifest's media type.
    public var manifestMediaType: String
    /// The image manifest.
    public var manifest: ImageManifest
    /// The index the manifest was chosen from, when there was one (its digest is what a tag points to).
    public var indexDigest: Digest?
    /// Every platform the index offered, when there was one.
    public var availablePlatforms: [Platform]
    /// The image config.
    public var config: ImageConfig
    /// The config's exact bytes, for analyzers that check the raw document.
    public var configBytes: [UInt8]
    /// The manifest's exact bytes.
    public var manifestBytes: [UInt8]
    /// The exact bytes of the index the manifest was chosen from (the innermost, when indexes nest), if any.
    public var indexBytes: [UInt8]?

    /// The platform the config declares.
    public var platform: Platform { config.platform }
}

/// Follows a location's root manifest through any indexes to the image for one platform.
public struct ImageResolver {
    /// How deep indexes may nest. Real images use one level; nested indexes beyond a few are a loop or an attack.
    public static let maxIndexDepth = 4

    private let source: any ImageSource
    private let platform: Platform

    /// Creates a resolver that picks `platform` from indexes.
    public init(source: any ImageSource, platform: Platform) {
        self.source = source
        self.platform = platform
    }

    /// Fetches and verifies the manifest and config.
    /// - Throws: `SourceError` or `ModelError` naming the document and what is wrong.
    public func resolve() throws -> ResolvedImage {
        var fetched = try source.fetchRootManifest()
        var indexDigest: Digest?
        var indexBytes: [UInt8]?
        var available: [Platform] = []
        var visited: Set<Digest> = []
        let place = source.location.description

        for _ in 0...Self.maxIndexDepth {
            // An index that lists itself, directly or through another, would otherwise be followed forever.
            guard visited.insert(fetched.digest).inserted else { throw SourceError.indexTooDeep(place) }
            let document = try ManifestDocument.parse(fetched.bytes, declaredMediaType: fetched.mediaType,
                                                      origin: "\(place) (\(fetched.digest))")
            switch document {
            case .index(let index):
                indexDigest = indexDigest ?? fetched.digest
                indexBytes = fetched.bytes
                let candidates = index.manifests.filter { Self.isImage($0) }
                available = candidates.compactMap(\.platform)
                guard let chosen = Self.choose(platform, from: candidates) else {
                    throw SourceError.platformNotFound(platform, in: place, available: available)
                }
                fetched = try source.fetchManifest(chosen)
            case .manifest(let manifest):
                let configBytes = try source.readBlob(manifest.config, limit: ImageConfig.maxSize)
                let config = try ImageConfig.parse(configBytes, origin: "\(place) (\(manifest.config.digest))")
                return ResolvedImage(
                    location: source.location, manifestDigest: fetched.digest,
                    manifestMediaType: manifest.mediaType ?? fetched.mediaType ?? MediaType.ociManifest,
                    manifest: manifest, indexDigest: indexDigest, availablePlatforms: available, config: config,
                    configBytes: configBytes, manifestBytes: fetched.bytes, indexBytes: indexBytes)
            }
        }
        throw SourceError.indexTooDeep(place)
    }

    /// Whether an index entry is a runnable image rather than an attestation or signature attached to one.
    static func isImage(_ descriptor: Descriptor) -> Bool {
        // BuildKit lists attestation manifests with platform unknown/unknown and this annotation.
        if descriptor.annotations?["vnd.docker.reference.type"] != nil { return false }
        return descriptor.platform?.os != "unknown"
    }

    /// The best entry for `platform`: an exact variant match first, then any entry the platform accepts.
    /// An entry without a platform is taken only when it is the index's only entry.
    static func choose(_ platform: Platform, from candidates: [Descriptor]) -> Descriptor? {
        if candidates.count == 1, candidates[0].platform == nil { return candidates[0] }
        let accepted = candidates.filter { $0.platform.map(platform.accepts) ?? false }
        return accepted.first { $0.platform?.variant == platform.variant } ?? accepted.first
    }
}

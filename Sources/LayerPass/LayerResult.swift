import ImageModel

/// What one streaming pass over a layer found.
public struct LayerResult: Sendable {
    /// The layer's position in the manifest, base first.
    public var index: Int
    /// The manifest's descriptor for the layer.
    public var descriptor: Descriptor
    /// The compression the pass applied.
    public var compression: LayerCompression
    /// The digest of the blob as received.
    public var computedDigest: Digest
    /// The digest of the uncompressed tar.
    public var computedDiffID: Digest
    /// The diff_id the config lists for this layer, if it lists one.
    public var expectedDiffID: Digest?
    /// Bytes of the uncompressed tar.
    public var uncompressedSize: Int64
    /// The entries in tar order, whiteouts included.
    public var changes: [LayerChange]
    /// The bytes of requested files, by path (the last entry for a path in the layer wins).
    public var captured: [String: [UInt8]]

    /// Whether the blob hashed to its descriptor's digest.
    public var digestMatches: Bool { computedDigest == descriptor.digest }
    /// Whether the uncompressed tar hashed to the config's diff_id (false when the config lists none).
    public var diffIDMatches: Bool { expectedDiffID == computedDiffID }
}

/// Why a layer could not be read.
public enum LayerError: Error, CustomStringConvertible {
    /// The layer's media type is not a tar layer Safeguard can read.
    case unsupportedMediaType(layer: Int, digest: Digest, mediaType: String)
    /// The blob could not be fetched, decompressed or walked.
    case unreadable(layer: Int, digest: Digest, reason: String)

    public var description: String {
        switch self {
        case .unsupportedMediaType(let layer, let digest, let mediaType):
            "layer \(layer) (\(digest)): unsupported media type '\(mediaType)'"
        case .unreadable(let layer, let digest, let reason): "layer \(layer) (\(digest)): \(reason)"
        }
    }
}

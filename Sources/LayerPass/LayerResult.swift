import Findings
import ImageModel
import Tar

/// What one streaming pass over a layer found.
public struct LayerResult: Sendable {
    /// The layer's position in the manifest, base first.
    public var index: Int
    /// The manifest's descriptor for the layer.
    public var descriptor: Descriptor
    /// The compression the descriptor's media type declares.
    public var compression: LayerCompression
    /// The compression the blob's first bytes show, which the pass applied (as container runtimes do).
    public var detectedCompression: LayerCompression
    /// The digest of the blob as received.
    public var computedDigest: Digest
    /// The blob's size as received, which may differ from the descriptor's only when the digest matched.
    public var blobSize: Int64
    /// The digest of the uncompressed tar; nil when the pass stopped before its end.
    public var computedDiffID: Digest?
    /// The diff_id the config lists for this layer, if it lists one.
    public var expectedDiffID: Digest?
    /// Bytes of the uncompressed tar.
    public var uncompressedSize: Int64
    /// The entries in tar order, whiteouts included.
    public var changes: [LayerChange]
    /// The bytes of requested files, by path (the last entry for a path in the layer wins).
    public var captured: [String: [UInt8]]
    /// Why the pass stopped reading the layer before its end, if it did: the entries before are kept.
    public var interruption: LayerInterruption?
    /// Whether non-zero bytes follow the tar's end-of-archive blocks.
    public var trailingDataAfterEnd: Bool
    /// The digests of the regular files the pass's `DigestRequest` selected, by path (the last entry for a path in
    /// the layer wins).
    public var fileDigests: [String: FileDigests] = [:]
    /// The files read but not kept for analyzers because the image's `LayerLimits.maxKeptBytes` was spent.
    public var unkept: UnkeptFiles?
    /// What the entry inspectors found.
    public var findings: [Finding]
    /// Content fingerprints of the paths a second pass was asked to compare.
    var fingerprints: [String: [ContentFingerprint]] = [:]

    /// Whether the blob hashed to its descriptor's digest.
    public var digestMatches: Bool { computedDigest == descriptor.digest }
    /// Whether the uncompressed tar hashed to the config's diff_id (false when the config lists none).
    public var diffIDMatches: Bool { expectedDiffID != nil && expectedDiffID == computedDiffID }
}

/// Why the pass stopped reading a layer early. The layer's blob was still read to its end to check its digest.
public enum LayerInterruption: Sendable, Equatable, CustomStringConvertible {
    /// The tar stream is malformed.
    case tar(TarError)
    /// The compressed stream is malformed.
    case decompression(DecompressionError)
    /// The layer went past a bound of `LayerLimits`.
    case limit(LayerLimitExceeded)

    public var description: String {
        switch self {
        case .tar(let error): "\(error)"
        case .decompression(let error): "\(error)"
        case .limit(let limit): "\(limit)"
        }
    }
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

import ImageModel

/// Something wrong with one attachment, or with one way of looking for attachments; discovery goes on past it.
public enum AttachmentProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The attachment's manifest exists but could not be fetched or verified.
    case manifestUnavailable(artifact: String, reason: String)
    /// The attachment's manifest is not a manifest Safeguard can read (not JSON, an index, wrong shape).
    case manifestUnreadable(artifact: String, reason: String)
    /// A layer's blob could not be fetched, or did not match its descriptor.
    case blobUnavailable(artifact: String, digest: Digest, reason: String)
    /// A layer is larger than the bound; it was not fetched.
    case layerTooLarge(artifact: String, digest: Digest, size: Int64, limit: Int)
    /// Reading the layer would pass the bound on all attachment bytes together; it was not fetched.
    case byteBudgetExhausted(artifact: String, digest: Digest, limit: Int)
    /// A layer's media type does not belong in an attachment of this kind; it was not fetched.
    case unexpectedLayerMediaType(artifact: String, digest: Digest, mediaType: String, kind: AttachmentKind)
    /// The manifest lists more layers than the bound; the first ones were read.
    case tooManyLayers(artifact: String, count: Int, limit: Int)
    /// More attachments were listed than the bound; the rest were not read.
    case tooManyAttachments(limit: Int)
    /// The referrers of a manifest could not be listed by either way.
    case referrersUnavailable(subject: Digest, reason: String)
    /// A referrer's manifest names another subject than the one it was listed for.
    case subjectMismatch(artifact: String, expected: Digest, found: Digest?)

    public var description: String {
        switch self {
        case .manifestUnavailable(let artifact, let reason): "\(artifact): manifest unavailable: \(reason)"
        case .manifestUnreadable(let artifact, let reason): "\(artifact): manifest unreadable: \(reason)"
        case .blobUnavailable(let artifact, let digest, let reason):
            "\(artifact): layer \(digest) unavailable: \(reason)"
        case .layerTooLarge(let artifact, let digest, let size, let limit):
            "\(artifact): layer \(digest) has \(size) bytes, more than the \(limit)-byte limit; not read"
        case .byteBudgetExhausted(let artifact, let digest, let limit):
            "\(artifact): layer \(digest) not read: attachments together passed the \(limit)-byte limit"
        case .unexpectedLayerMediaType(let artifact, let digest, let mediaType, let kind):
            "\(artifact): layer \(digest) has media type '\(mediaType)', unknown in a \(kind) attachment; not read"
        case .tooManyLayers(let artifact, let count, let limit):
            "\(artifact): \(count) layers, more than the limit of \(limit); only the first \(limit) read"
        case .tooManyAttachments(let limit): "more than \(limit) attachments listed; the rest were not read"
        case .referrersUnavailable(let subject, let reason): "referrers of \(subject) unavailable: \(reason)"
        case .subjectMismatch(let artifact, let expected, let found):
            "\(artifact): listed as a referrer of \(expected), but its subject is \(found?.description ?? "missing")"
        }
    }
}

import ImageModel
import ImageSources

/// Where an attachment was found.
public enum AttachmentOrigin: Sendable, Hashable, CustomStringConvertible {
    /// At one of cosign's tags, e.g. `sha256-<hex>.sig`, in the image's repository.
    case tag(String)
    /// Among the subject's referrers, listed by the API or the fallback tag.
    case referrer(ReferrersSource)
    /// In the image's index (BuildKit), which has this digest.
    case index(Digest)

    public var description: String {
        switch self {
        case .tag(let tag): "tag \(tag)"
        case .referrer(let source): "referrer (\(source))"
        case .index(let digest): "index \(digest)"
        }
    }
}

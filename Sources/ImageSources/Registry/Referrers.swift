import ImageModel

/// How a list of referrers was obtained.
public enum ReferrersSource: Sendable, Hashable, CustomStringConvertible {
    /// The registry's referrers API, `GET /v2/<name>/referrers/<digest>`.
    case api
    /// The index under the fallback tag (`sha256-<hex>`), for registries without the API.
    case fallbackTag(String)

    public var description: String {
        switch self {
        case .api: "referrers API"
        case .fallbackTag(let tag): "fallback tag \(tag)"
        }
    }
}

/// The manifests that name one manifest as their `subject`.
public struct Referrers: Sendable {
    /// The manifest they refer to.
    public var subject: Digest
    /// Their descriptors, as the registry listed them, filtered by artifact type when one was asked for.
    public var descriptors: [Descriptor]
    /// Whether the API answered or the fallback tag was read.
    public var source: ReferrersSource
}

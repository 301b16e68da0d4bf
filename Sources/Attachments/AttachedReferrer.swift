import ImageSources

/// A referrer as pushed, and how the registry will list it.
public struct AttachedReferrer: Sendable, Equatable {
    /// The artifact manifest as pushed.
    public var manifest: PushedManifest
    /// `.api` when the registry indexed the subject (it answered `OCI-Subject`), else the fallback tag updated.
    public var listedBy: ReferrersSource
}

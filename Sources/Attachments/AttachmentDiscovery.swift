import ImageModel
import ImageSources

/// Everything found beside one image, and how it was looked for.
public struct AttachmentDiscovery: Sendable {
    /// The image's repository, as given.
    public var reference: Reference
    /// The image manifest's digest.
    public var manifestDigest: Digest
    /// The index's digest, when the reference resolved to an index.
    public var indexDigest: Digest?
    /// What was found, in the order looked for: cosign tags, referrers, the index's BuildKit attestations.
    public var attachments: [Attachment]
    /// How the referrers of each subject were listed (API or fallback tag); absent when listing failed.
    public var referrersSources: [Digest: ReferrersSource]
    /// Problems not tied to one attachment: a lookup that failed, the attachment bound reached.
    public var problems: [AttachmentProblem]

    /// The attachments of one kind.
    public func attachments(of kind: AttachmentKind) -> [Attachment] {
        attachments.filter { $0.kind == kind }
    }
}

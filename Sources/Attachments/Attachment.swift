import ImageModel

/// One thing found beside an image: a signature manifest, an attestation, an SBOM, a bundle, a BuildKit
/// attestation manifest, with the bytes a verifier needs and what went wrong reading it.
public struct Attachment: Sendable {
    /// What it is.
    public var kind: AttachmentKind
    /// Where it was found.
    public var origin: AttachmentOrigin
    /// The manifest it is attached to (the image's manifest or its index).
    ///
    /// For cosign's tags this is only where the tag points: what binds a signature to the image is the signed
    /// payload's `docker-manifest-digest`, which the verifier must compare. Referrers are checked here to name
    /// this subject in their own manifest.
    public var subject: Digest
    /// The digest of the attachment's own manifest; nil when the manifest could not be fetched.
    public var manifestDigest: Digest?
    /// The manifest's or descriptor's artifact type, if it states one.
    public var artifactType: String?
    /// The manifest's (or, for an unread referrer, the descriptor's) annotations.
    public var annotations: [String: String]
    /// The layers read, each digest-verified, in manifest order; layers with problems are left out.
    public var layers: [AttachmentLayer]
    /// What went wrong with this attachment; reading went on past each.
    public var problems: [AttachmentProblem]
    /// The attachment's name in messages: `registry/repository:tag` or `registry/repository@digest`.
    public var artifact: String

    /// Creates an attachment with no layers read yet.
    public init(kind: AttachmentKind, origin: AttachmentOrigin, subject: Digest, artifact: String,
                manifestDigest: Digest? = nil, artifactType: String? = nil, annotations: [String: String] = [:]) {
        self.kind = kind
        self.origin = origin
        self.subject = subject
        self.artifact = artifact
        self.manifestDigest = manifestDigest
        self.artifactType = artifactType
        self.annotations = annotations
        self.layers = []
        self.problems = []
    }
}

import ImageModel
import ImageSources

/// An image index the reference resolved to, with its digest: BuildKit keeps attestations in it.
public struct SubjectIndex: Sendable {
    /// The index's digest.
    public var digest: Digest
    /// The index.
    public var index: ImageIndex

    /// Creates one.
    public init(digest: Digest, index: ImageIndex) {
        self.digest = digest
        self.index = index
    }
}

/// Finds the signatures, attestations, SBOMs and bundles stored beside an image in its registry.
///
/// It looks at cosign's tags (`sha256-<hex>.sig`, `.att`, `.sbom`) and the referrers (API or fallback tag) of
/// the image's manifest and of its index, and at BuildKit attestation manifests in the index. A missing tag is
/// simply nothing found; anything wrong with one attachment is kept with it as a problem and discovery goes on.
/// Nothing is verified cryptographically here: every byte is digest-checked and bounded, and handed on.
public struct AttachmentFinder: Sendable {
    /// The client for the image's registry.
    public let client: RegistryClient
    /// The bounds on what is fetched.
    public let limits: AttachmentLimits

    /// Creates a finder.
    public init(client: RegistryClient, limits: AttachmentLimits = AttachmentLimits()) {
        self.client = client
        self.limits = limits
    }

    /// Finds everything attached to an image.
    /// - Parameters:
    ///   - reference: the image's reference; its repository is searched.
    ///   - manifestDigest: the digest of the image manifest (the platform's, when the reference is an index).
    ///   - index: the index the reference resolved to, if it did.
    /// - Returns: the attachments, each with its problems, and the problems of the search itself.
    public func discover(reference: Reference, manifestDigest: Digest, index: SubjectIndex? = nil)
        -> AttachmentDiscovery
    {
        var run = DiscoveryRun(client: client, limits: limits, repository: reference.repository)
        var subjects = [manifestDigest]
        if let index, index.digest != manifestDigest { subjects.append(index.digest) }
        for subject in subjects { run.findCosignTags(of: subject) }
        for subject in subjects { run.findReferrers(of: subject) }
        if let index { run.findBuildKitAttestations(in: index, of: manifestDigest) }
        return AttachmentDiscovery(reference: reference, manifestDigest: manifestDigest, indexDigest: index?.digest,
                                   attachments: run.attachments, referrersSources: run.sources,
                                   problems: run.problems)
    }
}

/// The state of one discovery: what was found so far and how much of the bounds it used.
struct DiscoveryRun {
    let client: RegistryClient
    let limits: AttachmentLimits
    let repository: String
    var attachments: [Attachment] = []
    var problems: [AttachmentProblem] = []
    var sources: [Digest: ReferrersSource] = [:]
    var bytesRead = 0
    private var boundReported = false

    init(client: RegistryClient, limits: AttachmentLimits, repository: String) {
        self.client = client
        self.limits = limits
        self.repository = repository
    }

    /// `registry/repository:tag`, naming a tagged attachment in messages.
    func artifact(tag: String) -> String { "\(client.registry)/\(repository):\(tag)" }

    /// `registry/repository@digest`, naming an attachment known by digest.
    func artifact(digest: Digest) -> String { "\(client.registry)/\(repository)@\(digest)" }

    /// Whether one more attachment may be read; reports the bound once when it is reached.
    mutating func admitAttachment() -> Bool {
        guard attachments.count >= limits.maxAttachments else { return true }
        if !boundReported { problems.append(.tooManyAttachments(limit: limits.maxAttachments)) }
        boundReported = true
        return false
    }
}

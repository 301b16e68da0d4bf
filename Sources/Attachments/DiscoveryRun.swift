import ImageModel
import ImageSources

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

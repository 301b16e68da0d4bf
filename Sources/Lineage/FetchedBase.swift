import ImageModel

/// A base image an image claims, as its registry serves it: what the base decision compares the image's leading
/// layers with when no catalog vouches for the base.
public struct FetchedBase: Sendable, Hashable {
    /// The claim's name as written (`base.name`, a provenance material).
    public var claimedName: String
    /// The repository, normalised (`docker.io/library/debian`).
    public var repository: String
    /// The manifest digest of the platform image fetched.
    public var manifestDigest: Digest
    /// The digest of the index above it, when the name led to an index.
    public var indexDigest: Digest?
    /// The base's layers as its config lists them, base first.
    public var diffIDs: [Digest]

    /// Creates a fetched base.
    public init(claimedName: String, repository: String, manifestDigest: Digest, indexDigest: Digest?,
                diffIDs: [Digest]) {
        self.claimedName = claimedName
        self.repository = repository
        self.manifestDigest = manifestDigest
        self.indexDigest = indexDigest
        self.diffIDs = diffIDs
    }

    /// Whether `digest` (as a claim writes it) is this base's manifest or index digest.
    func isNamed(byDigest digest: String?) -> Bool {
        guard let digest else { return false }
        return digest == manifestDigest.description || digest == indexDigest?.description
    }
}

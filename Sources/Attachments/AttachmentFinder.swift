import ImageModel
import ImageSources

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

    /// Finds everything attached to an image resolved from a registry; nil for images from files.
    ///
    /// The index searched for BuildKit attestations is the one the manifest was chosen from. Shortcoming: when
    /// indexes nest, that is the innermost, and the outer index (which a tag, and cosign, may name) is not
    /// searched; real images do not nest.
    public func discover(_ image: ResolvedImage) -> AttachmentDiscovery? {
        guard case .registry(let reference) = image.location else { return nil }
        var index: SubjectIndex?
        if let bytes = image.indexBytes, case .index(let parsed)? = try? ManifestDocument.parse(
            bytes, declaredMediaType: nil, origin: reference.description) {
            index = SubjectIndex(digest: Digest.of(bytes, algorithm: image.indexDigest?.algorithm ?? .sha256),
                                 index: parsed)
        }
        return discover(reference: reference, manifestDigest: image.manifestDigest, index: index)
    }
}

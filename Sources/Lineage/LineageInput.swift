import ImageModel

/// What the lineage analysis reads of an image: its identity, its layers as computed, and what it says of its base.
public struct LineageInput: Sendable {
    /// The image's registry reference, when it was read from a registry: the name it is published under.
    public var reference: Reference?
    /// The image's manifest digest.
    public var manifestDigest: Digest
    /// Each layer's digest as the manifest gives it, base first, for evidence.
    public var layerDigests: [Digest]
    /// Each layer's diff_id as the layer pass computed it; nil for a layer that could not be read to its end or
    /// did not match its config, which ends every prefix there.
    public var diffIDs: [Digest?]
    /// What the image claims about its base.
    public var claims: [BaseClaim]
    /// The claimed bases fetched from their registries (`scan --fetch-bases`).
    public var fetchedBases: [FetchedBase] = []
    /// Why the other claimed bases could not be fetched, one line each, for the lineage note.
    public var fetchFailures: [String] = []

    /// The annotation (and label) keys of the OCI image spec that name a base image.
    public static let baseNameKey = "org.opencontainers.image.base.name"
    /// The key that names the base's digest.
    public static let baseDigestKey = "org.opencontainers.image.base.digest"
    /// Claims are quoted into reports and compared, never followed; a name past this is cut (a reference is at most
    /// 255 characters, a digest 135).
    public static let maxClaimLength = 512

    /// Creates an input, reading claims from the manifest's annotations, the config's labels and the base names
    /// provenance gave (`name@digest` references from SLSA materials or BuildKit provenance).
    public init(reference: Reference?, manifestDigest: Digest, layerDigests: [Digest], diffIDs: [Digest?],
                annotations: [String: String]?, labels: [String: String]?, provenanceBases: [String] = []) {
        self.reference = reference
        self.manifestDigest = manifestDigest
        self.layerDigests = layerDigests
        self.diffIDs = diffIDs
        var claims: [BaseClaim] = provenanceBases.prefix(Self.maxProvenanceBases).map { text in
            let bounded = String(text.prefix(Self.maxClaimLength))
            let reference = try? Reference(parsing: bounded)
            return BaseClaim(source: .provenance, name: bounded, digest: reference?.digest?.description)
        }
        for (source, values) in [(BaseClaim.Source.annotation, annotations), (.label, labels)] {
            let name = values?[Self.baseNameKey].map { String($0.prefix(Self.maxClaimLength)) }
            let digest = values?[Self.baseDigestKey].map { String($0.prefix(Self.maxClaimLength)) }
            if name != nil || digest != nil { claims.append(BaseClaim(source: source, name: name, digest: digest)) }
        }
        self.claims = claims
    }

    /// Provenance lists a build's materials; a base or two is real, hundreds are someone padding the document.
    public static let maxProvenanceBases = 16

    /// How many leading layers the image shares with `diffIDs`.
    func sharedPrefix(with diffIDs: [Digest]) -> Int {
        var count = 0
        while count < diffIDs.count, count < self.diffIDs.count, self.diffIDs[count] == diffIDs[count] { count += 1 }
        return count
    }
}

extension BaseClaim {
    /// The claimed repository normalised (`docker.io/library/debian`), when the name parses as a reference.
    var repositoryName: String? { name.flatMap { try? Reference(parsing: $0) }?.name }

    /// Whether the claim names `entry`, or `approved` by digest.
    func names(_ entry: BaseCatalog.Entry, _ approved: BaseCatalog.ApprovedDigest) -> Bool {
        repositoryName == entry.name || digest == approved.digest.description
    }
}

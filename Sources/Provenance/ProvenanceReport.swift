/// The signatures and attestations found for an image and what verifying them against a `ProvenancePolicy` gave.
///
/// Every item found is listed, verified or not, with the reason when not: the report shows who signed what and
/// what they claim, and a reviewer sees the signature that failed beside the one that passed.
public struct ProvenanceReport: Codable, Sendable, Equatable {
    /// What the policy required, in words: `key <fingerprint>` or `identity … issued by …`.
    public var required: String
    /// Every signature found.
    public var signatures: [SignatureRecord]
    /// Every attestation found: cosign's, Sigstore bundles with in-toto statements, BuildKit's.
    public var attestations: [AttestationRecord]
    /// What stopped discovery from seeing everything: unreadable manifests, missing blobs, bounds reached.
    public var problems: [String]

    /// Whether a signature that satisfies the policy verified.
    public var isSigned: Bool { signatures.contains(where: \.verified) }

    /// The base images trusted provenance says the build pulled: from attestations that verified and keep to
    /// the policy, never from unverified ones.
    public var trustedBaseImages: [String] {
        attestations.filter { $0.verified && !$0.violatesPolicy }.flatMap { $0.provenance?.baseImages ?? [] }
    }

    /// Creates a report.
    public init(required: String, signatures: [SignatureRecord], attestations: [AttestationRecord],
                problems: [String]) {
        self.required = required
        self.signatures = signatures
        self.attestations = attestations
        self.problems = problems
    }
}

/// One signature over the image.
public struct SignatureRecord: Codable, Sendable, Equatable {
    /// The manifest or tag it was read from, e.g. `sha256-….sig` or a referrer's digest.
    public var artifact: String
    /// How it was found: `tag …`, `referrer (…)`.
    public var origin: String
    /// `cosign` (simple signing) or `sigstore-bundle`.
    public var format: String
    /// The digest the signature claims, from its payload or bundle; nil when it could not be read.
    public var signedDigest: String?
    /// The image reference the payload names, if any.
    public var claimedReference: String?
    /// Whether it verified against the policy and names this image.
    public var verified: Bool
    /// Who signed, when verified: the certificate identity, or `key`.
    public var signer: String?
    /// The OIDC issuer of a keyless signer.
    public var issuer: String?
    /// When a transparency log or timestamp authority saw it, RFC 3339.
    public var attestedAt: [String]
    /// Why it did not verify.
    public var reason: String?
}

/// One attestation about the image.
public struct AttestationRecord: Codable, Sendable, Equatable {
    /// The manifest or tag it was read from.
    public var artifact: String
    /// How it was found.
    public var origin: String
    /// `cosign` (DSSE layer), `sigstore-bundle` or `buildkit` (an unsigned in-toto statement in the index).
    public var format: String
    /// The in-toto predicate type, when it could be read.
    public var predicateType: String?
    /// Whether it is trusted: its signature verified against the policy, or (BuildKit) the index holding it is
    /// covered by a verified signature; and its statement names this image.
    public var verified: Bool
    /// Who signed, when verified by a signature of its own.
    public var signer: String?
    /// What the SLSA provenance claims, for provenance predicates that could be read.
    public var provenance: ProvenanceClaims?
    /// Why it is not trusted, or why its claims are refused by the policy.
    public var reason: String?
    /// Whether its claims break the policy (subject, builder or source), as opposed to merely being unverified.
    public var violatesPolicy: Bool
}

/// What SLSA provenance says about a build.
public struct ProvenanceClaims: Codable, Sendable, Equatable {
    /// `https://slsa.dev/provenance/v0.2` or `…/v1`.
    public var predicateType: String
    /// The builder's ID.
    public var builderID: String
    /// The build type URI.
    public var buildType: String
    /// The source repository.
    public var sourceRepository: String?
    /// The source ref (branch or tag).
    public var sourceRef: String?
    /// The source commit.
    public var sourceCommit: String?
    /// When the build finished, RFC 3339.
    public var finishedOn: String?
    /// The build invocation's ID.
    public var invocationID: String?
    /// The container images the build pulled, `name@sha256:<hex>`: the base it claims.
    public var baseImages: [String] = []
}

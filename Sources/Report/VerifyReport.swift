import Findings
import ImageModel
import Provenance

/// What `safeguard verify IMAGE` reports: the image it resolved, every signature and attestation found, and
/// whether the policy was met.
public struct VerifyReport: Codable, Sendable {
    /// The version of this document's shape.
    public var schemaVersion = "1"
    /// What produced it.
    public var tool: Tool
    /// The reference as given, pinned to what it resolved to (`name:tag@sha256:…`).
    public var reference: String
    /// The platform's image manifest digest.
    public var manifestDigest: Digest
    /// The index digest, when the reference named an index.
    public var indexDigest: Digest?
    /// Whether a signature satisfying the policy verified and, when provenance was constrained, trusted
    /// provenance satisfied it.
    public var verified: Bool
    /// The signatures and attestations, each verified or with its reason.
    public var provenance: ProvenanceReport
    /// The `signature.*` and `provenance.*` findings.
    public var findings: [Finding]

    /// Creates a report; `requiresProvenance` when the user constrained the builder or source.
    public init(tool: Tool, reference: String, manifestDigest: Digest, indexDigest: Digest?,
                provenance: ProvenanceReport, requiresProvenance: Bool) {
        self.tool = tool
        self.reference = reference
        self.manifestDigest = manifestDigest
        self.indexDigest = indexDigest
        self.provenance = provenance
        findings = provenance.findings(reference: reference)
        let provenanceFailed = findings.contains { $0.category.hasPrefix("provenance.") }
        verified = provenance.isSigned && !(requiresProvenance && provenanceFailed)
    }
}

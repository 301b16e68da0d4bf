/// What an attachment is, which decides the layers it may hold and what a verifier does with them.
public enum AttachmentKind: String, Sendable, Hashable, CaseIterable {
    /// cosign signatures: simple-signing payloads with their signature annotations.
    case cosignSignature
    /// cosign attestations: DSSE envelopes with a predicate type.
    case cosignAttestation
    /// An SBOM attached by `cosign attach sbom`.
    case cosignSBOM
    /// A Sigstore bundle attached as a referrer (cosign 2.x and later, GitHub attestations).
    case sigstoreBundle
    /// A BuildKit attestation manifest in the image's index: in-toto statements (SLSA provenance, SBOMs).
    case buildKitAttestation
    /// A referrer of an artifact type Safeguard does not read; listed, never fetched.
    case otherReferrer

    /// Whether a layer of `mediaType` belongs in an attachment of this kind.
    func accepts(layerMediaType mediaType: String) -> Bool {
        switch self {
        case .cosignSignature: mediaType == AttachmentMediaTypes.simpleSigning
        case .cosignAttestation: mediaType == AttachmentMediaTypes.dsseEnvelope
        case .cosignSBOM: AttachmentMediaTypes.sbomTypes.contains(mediaType)
        case .sigstoreBundle: AttachmentMediaTypes.isSigstoreBundle(mediaType)
        case .buildKitAttestation: mediaType == AttachmentMediaTypes.inTotoStatement
        case .otherReferrer: false
        }
    }

    /// The kind of a referrer, from its artifact type.
    static func ofReferrer(artifactType: String?) -> AttachmentKind {
        switch artifactType {
        case let type? where AttachmentMediaTypes.isSigstoreBundle(type): .sigstoreBundle
        case AttachmentMediaTypes.cosignSignatureArtifact?: .cosignSignature
        case AttachmentMediaTypes.cosignAttestationArtifact?: .cosignAttestation
        case AttachmentMediaTypes.cosignSBOMArtifact?: .cosignSBOM
        default: .otherReferrer
        }
    }
}

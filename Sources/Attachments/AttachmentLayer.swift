import ImageModel

/// One layer of an attachment, read and verified against its descriptor.
public struct AttachmentLayer: Sendable, Equatable {
    /// The layer's descriptor in the attachment manifest.
    public var descriptor: Descriptor
    /// The layer's bytes, exactly as stored: the signed payload, envelope, bundle, statement or SBOM.
    public var bytes: [UInt8]
    /// What the bytes are, with the annotations that go with them.
    public var material: AttachmentMaterial
}

/// What a layer's bytes are, by its media type, with the annotations a verifier needs beside them.
public enum AttachmentMaterial: Sendable, Equatable {
    /// A cosign simple-signing payload and the signature material from its annotations.
    case simpleSigning(CosignSignatureAnnotations)
    /// A DSSE envelope (cosign attestation) and its `predicateType` annotation.
    case dsseEnvelope(predicateType: String?)
    /// A Sigstore bundle of this media type.
    case sigstoreBundle(mediaType: String)
    /// An in-toto statement (BuildKit) and its `in-toto.io/predicate-type` annotation.
    case inTotoStatement(predicateType: String?)
    /// An SBOM document of this media type.
    case sbom(mediaType: String)

    /// The material of a layer of an attachment of `kind`.
    static func of(_ descriptor: Descriptor, kind: AttachmentKind) -> AttachmentMaterial {
        let annotations = descriptor.annotations ?? [:]
        switch kind {
        case .cosignSignature: return .simpleSigning(CosignSignatureAnnotations(annotations))
        case .cosignAttestation:
            return .dsseEnvelope(predicateType: annotations[AttachmentMediaTypes.Cosign.predicateType])
        case .sigstoreBundle: return .sigstoreBundle(mediaType: descriptor.mediaType)
        case .buildKitAttestation:
            return .inTotoStatement(predicateType: annotations[AttachmentMediaTypes.BuildKit.predicateType])
        // An unread referrer's kind accepts no layer, so only SBOMs reach this.
        case .cosignSBOM, .otherReferrer: return .sbom(mediaType: descriptor.mediaType)
        }
    }
}

import ImageModel

/// One thing found beside an image: a signature manifest, an attestation, an SBOM, a bundle, a BuildKit
/// attestation manifest, with the bytes a verifier needs and what went wrong reading it.
public struct Attachment: Sendable {
    /// What it is.
    public var kind: AttachmentKind
    /// Where it was found.
    public var origin: AttachmentOrigin
    /// The manifest it is attached to (the image's manifest or its index).
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
        case .cosignSBOM, .otherReferrer: return .sbom(mediaType: descriptor.mediaType)
        }
    }
}

/// The annotations of a cosign signature layer, as stored (base64 and PEM text, not yet decoded or trusted).
public struct CosignSignatureAnnotations: Sendable, Equatable {
    /// `dev.cosignproject.cosign/signature`: the base64 signature over the payload.
    public var signature: String?
    /// `dev.sigstore.cosign/certificate`: the PEM signing certificate.
    public var certificate: String?
    /// `dev.sigstore.cosign/chain`: the PEM certificate chain.
    public var chain: String?
    /// `dev.sigstore.cosign/bundle`: the Rekor signed entry timestamp bundle, JSON.
    public var bundle: String?
    /// `dev.sigstore.cosign/rfc3161timestamp`: the RFC 3161 timestamp bundle, JSON.
    public var rfc3161Timestamp: String?

    /// Creates the annotations.
    public init(signature: String?, certificate: String? = nil, chain: String? = nil, bundle: String? = nil,
                rfc3161Timestamp: String? = nil) {
        self.signature = signature
        self.certificate = certificate
        self.chain = chain
        self.bundle = bundle
        self.rfc3161Timestamp = rfc3161Timestamp
    }

    /// Reads them from a layer descriptor's annotations.
    public init(_ annotations: [String: String]) {
        typealias Key = AttachmentMediaTypes.Cosign
        self.init(signature: annotations[Key.signature], certificate: annotations[Key.certificate],
                  chain: annotations[Key.chain], bundle: annotations[Key.bundle],
                  rfc3161Timestamp: annotations[Key.rfc3161Timestamp])
    }

    /// The annotations as a layer descriptor carries them, absent ones left out.
    public var dictionary: [String: String] {
        typealias Key = AttachmentMediaTypes.Cosign
        let pairs: [(String, String?)] = [(Key.signature, signature), (Key.certificate, certificate),
                                          (Key.chain, chain), (Key.bundle, bundle),
                                          (Key.rfc3161Timestamp, rfc3161Timestamp)]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key, $0) } })
    }
}

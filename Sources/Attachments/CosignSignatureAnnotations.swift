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

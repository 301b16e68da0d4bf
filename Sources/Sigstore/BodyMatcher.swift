import Crypto

/// Checks that a Rekor entry body describes the bundle's signature, signer and artifact.
///
/// Why: a valid entry for some other signature proves nothing about this one; without these checks a bundle
/// could borrow any entry from the log.
enum BodyMatcher {
    static func check(_ body: RekorBody, bundle: SigstoreBundle, artifact: Artifact, key: PublicKey)
        throws(SigstoreError)
    {
        let source = bundle.source
        switch (body, bundle.content) {
        case (.hashedRekord(let algorithm, let digest, let recorded), .messageSignature(let message)):
            if let actual = artifact.digest(algorithm) {
                guard actual == digest else {
                    throw .transparencyLog(source: source, reason: "the entry is for another artifact digest")
                }
            } else if let claimed = message.digest, claimed.algorithm == algorithm, claimed.value != digest {
                throw .transparencyLog(source: source, reason: "the entry is for another artifact digest")
            }
            guard recorded.signature == message.signature else {
                throw .transparencyLog(source: source, reason: "the entry records a different signature")
            }
            try checkVerifier(recorded.verifier, bundle: bundle, key: key)
        case (.hashedRekord(let algorithm, let digest, let recorded), .dsseEnvelope(let envelope)):
            // Rekor v2 logs a DSSE envelope as a hashedrekord over its pre-authentication encoding.
            guard algorithm.hash(envelope.preAuthenticationEncoding) == digest else {
                throw .transparencyLog(source: source, reason: "the entry is for another DSSE envelope")
            }
            guard envelope.signatures.map(\.signature) == [recorded.signature] else {
                throw .transparencyLog(source: source, reason: "the entry records a different DSSE signature")
            }
            try checkVerifier(recorded.verifier, bundle: bundle, key: key)
        case (.envelope(let payloadHash, let recorded), .dsseEnvelope(let envelope)):
            guard HashAlgorithm.sha256.hash(envelope.payload) == payloadHash else {
                throw .transparencyLog(source: source, reason: "the entry is for another DSSE payload")
            }
            guard recorded.count == envelope.signatures.count,
                  envelope.signatures.allSatisfy({ signature in
                      recorded.contains { $0.signature == signature.signature }
                  }) else {
                throw .transparencyLog(source: source, reason: "the entry records different DSSE signatures")
            }
            for signature in recorded { try checkVerifier(signature.verifier, bundle: bundle, key: key) }
        case (.envelope, .messageSignature):
            throw .transparencyLog(source: source, reason: "a DSSE entry for a message signature bundle")
        }
    }

    /// Requires the recorded key or certificate to be the bundle's.
    private static func checkVerifier(_ verifier: RekorBody.Verifier, bundle: SigstoreBundle, key: PublicKey)
        throws(SigstoreError)
    {
        let leaf = bundle.verificationMaterial.leaf
        let matches: Bool
        switch verifier {
        case .certificateDER(let der): matches = leaf?.der == der
        case .publicKeyDER(let der): matches = (try? PublicKey(der: der, source: "entry"))?.isSameKey(as: key) ?? false
        case .pem(let text):
            let blocks = (try? PEM.blocks(in: text, source: "entry")) ?? []
            if let certificate = blocks.first(where: { $0.label == "CERTIFICATE" }) {
                matches = leaf?.der == certificate.der
            } else if let pem = blocks.first(where: { $0.label == "PUBLIC KEY" }) {
                matches = leaf == nil && ((try? PublicKey(der: pem.der, source: "entry"))?.isSameKey(as: key) ?? false)
            } else {
                matches = false
            }
        }
        guard matches else {
            throw .transparencyLog(source: bundle.source, reason: "the entry records a different signing "
                                   + (leaf == nil ? "key" : "certificate"))
        }
    }
}

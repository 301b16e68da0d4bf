import Crypto

/// What a Rekor entry body records about a signature, per kind and schema version.
enum RekorBody {
    /// A key or certificate as a body records it: PEM (v0.0.1 kinds) or DER with its kind (hashedrekord 0.0.2).
    enum Verifier {
        case pem(String)
        case certificateDER([UInt8])
        case publicKeyDER([UInt8])
    }

    /// A signature with the verifier the log recorded beside it.
    struct RecordedSignature {
        let signature: [UInt8]
        let verifier: Verifier
    }

    /// hashedrekord: a digest of the signed bytes and one signature.
    case hashedRekord(algorithm: HashAlgorithm, digest: [UInt8], signature: RecordedSignature)
    /// dsse 0.0.1 and intoto 0.0.2: the payload's SHA-256 and the envelope's signatures.
    case envelope(payloadHash: [UInt8], signatures: [RecordedSignature])

    /// Parses `entry.canonicalizedBody`, checking that its kind and apiVersion are the ones the bundle states.
    init(_ entry: TransparencyLogEntry, source: String) throws(SigstoreError) {
        let root = try SigstoreJSON.document(entry.canonicalizedBody, source: source + " canonicalizedBody")
        let kind = try root.required("kind").text()
        let version = try root.required("apiVersion").text()
        guard kind == entry.kind, version == entry.kindVersion else {
            throw .transparencyLog(source: source, reason: "body is \(kind) \(version) but the bundle says "
                                   + "\(entry.kind) \(entry.kindVersion)")
        }
        let spec = try root.required("spec")
        switch (kind, version) {
        case ("hashedrekord", "0.0.1"): self = try Self.hashedRekordV001(spec)
        case ("hashedrekord", "0.0.2"): self = try Self.hashedRekordV002(spec)
        case ("dsse", "0.0.1"): self = try Self.dsseV001(spec)
        case ("intoto", "0.0.2"): self = try Self.intotoV002(spec)
        default: throw .transparencyLog(source: source, reason: "unsupported entry kind \(kind) \(version)")
        }
    }

    private static func hashedRekordV001(_ spec: SigstoreJSON) throws(SigstoreError) -> RekorBody {
        let hash = try spec.required("data").required("hash")
        let algorithm = try algorithm(try hash.required("algorithm"))
        guard let digest = Hex.decode( try hash.required("value").text()) else {
            throw hash.wrongType("a hex digest")
        }
        let signature = try spec.required("signature")
        let pem = try signature.required("publicKey").required("content").base64()
        let recorded = RecordedSignature(signature: try signature.required("content").base64(),
                                         verifier: .pem(String(decoding: pem, as: UTF8.self)))
        return .hashedRekord(algorithm: algorithm, digest: digest, signature: recorded)
    }

    private static func hashedRekordV002(_ spec: SigstoreJSON) throws(SigstoreError) -> RekorBody {
        let body = try spec.required("hashedRekordV002")
        let data = try body.required("data")
        let algorithm = try algorithm(try data.required("algorithm"))
        let signature = try body.required("signature")
        let verifierNode = try signature.required("verifier")
        let verifier: Verifier
        if let certificate = try verifierNode.member("x509Certificate") {
            verifier = .certificateDER(try certificate.required("rawBytes").base64())
        } else {
            verifier = .publicKeyDER(try verifierNode.required("publicKey").required("rawBytes").base64())
        }
        return .hashedRekord(algorithm: algorithm, digest: try data.required("digest").base64(),
                             signature: RecordedSignature(signature: try signature.required("content").base64(),
                                                          verifier: verifier))
    }

    private static func dsseV001(_ spec: SigstoreJSON) throws(SigstoreError) -> RekorBody {
        let payloadHash = try hexSHA256(try spec.required("payloadHash"))
        let signatures = try spec.elements("signatures", limit: 16).map { (node) throws(SigstoreError) in
            let pem = try node.required("verifier").base64()
            return RecordedSignature(signature: try node.required("signature").base64(),
                                     verifier: .pem(String(decoding: pem, as: UTF8.self)))
        }
        return .envelope(payloadHash: payloadHash, signatures: signatures)
    }

    private static func intotoV002(_ spec: SigstoreJSON) throws(SigstoreError) -> RekorBody {
        let content = try spec.required("content")
        let payloadHash = try hexSHA256(try content.required("payloadHash"))
        let signatures = try content.required("envelope").elements("signatures", limit: 16).map {
            (node) throws(SigstoreError) in
            // intoto 0.0.2 stores the signature base64-encoded twice and the key as base64 of PEM.
            let inner = String(decoding: try node.required("sig").base64(), as: UTF8.self)
            guard let signature = Base64.decode(inner) else { throw node.wrongType("a doubly base64 signature") }
            let pem = try node.required("publicKey").base64()
            return RecordedSignature(signature: signature, verifier: .pem(String(decoding: pem, as: UTF8.self)))
        }
        return .envelope(payloadHash: payloadHash, signatures: signatures)
    }

    private static func algorithm(_ node: SigstoreJSON) throws(SigstoreError) -> HashAlgorithm {
        switch try node.text().lowercased() {
        case "sha256", "sha2_256": .sha256
        case "sha384", "sha2_384": .sha384
        case "sha512", "sha2_512": .sha512
        default: throw node.wrongType("sha256, sha384 or sha512")
        }
    }

    private static func hexSHA256(_ node: SigstoreJSON) throws(SigstoreError) -> [UInt8] {
        guard try algorithm(try node.required("algorithm")) == .sha256,
              let digest = Hex.decode( try node.required("value").text()), digest.count == 32 else {
            throw node.wrongType("a sha256 hex digest")
        }
        return digest
    }
}

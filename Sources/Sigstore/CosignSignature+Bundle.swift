import Crypto
import Foundation

extension CosignSignature {
    /// Verifies a cosign signature with its transparency log bundle: the certificate (or `policy`'s key), the
    /// Rekor signed entry timestamp and entry body, the certificate chain to `trustedRoot` at the integrated
    /// time, and the identity `policy` names. This is `SigstoreVerifier` applied to the annotations recast as a
    /// v0.1 bundle.
    public func verify(policy: VerificationPolicy, trustedRoot: TrustedRoot, now: Date = Date())
        throws(SigstoreError) -> VerificationResult
    {
        try SigstoreVerifier.verify(bundle: try sigstoreBundle(), artifact: .bytes(payload), policy: policy,
                                    trustedRoot: trustedRoot, now: now)
    }

    /// Verifies a cosign attestation layer (a DSSE envelope as the payload) with its transparency log bundle, as
    /// `verify(policy:trustedRoot:now:)` does for signatures; its in-toto statement must name `subject`.
    public func verifyAttestation(subject: Artifact, policy: VerificationPolicy, trustedRoot: TrustedRoot,
                                  now: Date = Date()) throws(SigstoreError) -> VerificationResult
    {
        let envelope = try DSSEEnvelope(json: payload, source: source)
        return try SigstoreVerifier.verify(bundle: try sigstoreBundle(content: .dsseEnvelope(envelope)),
                                           artifact: subject, policy: policy, trustedRoot: trustedRoot, now: now)
    }

    /// Verifies a cosign attestation layer with `key` alone, without a transparency log: one of the envelope's
    /// signatures must verify over its pre-authentication encoding. Returns the in-toto statement, which the
    /// caller must still match to the image.
    public func verifyAttestation(key: PublicKey) throws(SigstoreError) -> InTotoStatement {
        let envelope = try DSSEEnvelope(json: payload, source: source)
        guard envelope.signatures.contains(where: { key.isValidSignature($0.signature,
                                                                         over: envelope.preAuthenticationEncoding) })
        else {
            throw .signatureMismatch(source: source, reason: "no DSSE signature verifies with the \(key.kind) key")
        }
        guard envelope.payloadType == DSSEEnvelope.inTotoPayloadType else {
            throw .payloadMismatch(source: source, reason: "payload type '\(envelope.payloadType)' is not in-toto")
        }
        return try InTotoStatement(json: envelope.payload, source: source + " statement")
    }

    /// The annotations as a Sigstore bundle over the payload.
    public func sigstoreBundle() throws(SigstoreError) -> SigstoreBundle {
        try sigstoreBundle(content: .messageSignature(.init(digest: (.sha256, HashAlgorithm.sha256.hash(payload)),
                                                            signature: try signature())))
    }

    /// The annotations as a Sigstore bundle with `content`.
    func sigstoreBundle(content: SigstoreBundle.Content) throws(SigstoreError) -> SigstoreBundle {
        let material: SigstoreBundle.VerificationMaterial
        if let pem = annotations[Self.certificateAnnotation] {
            do {
                var chain = try Certificate.chain(pem: pem, source: source + " certificate")
                if let chainPEM = annotations[Self.chainAnnotation] {
                    chain += try Certificate.chain(pem: chainPEM, source: source + " chain")
                }
                material = .certificateChain(chain)
            } catch {
                throw .crypto(source: source, error)
            }
        } else {
            material = .publicKey(hint: nil)
        }
        guard let bundleText = annotations[Self.bundleAnnotation] else {
            throw .missingField(source: source, path: "annotations.\"\(Self.bundleAnnotation)\"")
        }
        let entry = try Self.rekorEntry(Array(bundleText.utf8), source: source + " Rekor bundle")
        return SigstoreBundle(source: source, version: .v0_1, verificationMaterial: material,
                              transparencyLogEntries: [entry], rfc3161Timestamps: [], content: content)
    }

    /// Reads cosign's Rekor bundle annotation:
    /// `{"SignedEntryTimestamp": b64, "Payload": {"body": b64, "integratedTime": n, "logIndex": n, "logID": hex}}`.
    static func rekorEntry(_ bytes: [UInt8], source: String) throws(SigstoreError) -> TransparencyLogEntry {
        let root = try SigstoreJSON.document(bytes, source: source)
        let payload = try root.required("Payload")
        let body = try payload.required("body").base64()
        let logIDNode = try payload.required("logID")
        guard let logID = Hex.decode( try logIDNode.text()) else { throw logIDNode.wrongType("hex") }
        let parsed = try SigstoreJSON.document(body, source: source + " body")
        return TransparencyLogEntry(
            logIndex: try payload.required("logIndex").int64(), logID: logID,
            kind: try parsed.required("kind").text(), kindVersion: try parsed.required("apiVersion").text(),
            integratedTime: try payload.required("integratedTime").int64(),
            signedEntryTimestamp: try root.required("SignedEntryTimestamp").base64(), inclusionProof: nil,
            canonicalizedBody: body)
    }
}

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

    /// The annotations as a Sigstore bundle.
    public func sigstoreBundle() throws(SigstoreError) -> SigstoreBundle {
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
        let signature = try signature()
        return SigstoreBundle(source: source, version: .v0_1, verificationMaterial: material,
                              transparencyLogEntries: [entry], rfc3161Timestamps: [],
                              content: .messageSignature(.init(digest: (.sha256, HashAlgorithm.sha256.hash(payload)),
                                                               signature: signature)))
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

import Crypto

extension SigstoreBundle {
    /// Reads a PEP 740 attestation object (as PyPI serves them and pypi-attestations writes them):
    /// `verification_material.certificate` (base64 DER), `verification_material.transparency_entries` (Rekor
    /// entries in the bundle's own JSON form) and `envelope.statement` / `envelope.signature` (a DSSE envelope
    /// whose payload type is in-toto). It is recast as a v0.3 bundle, which is what it encodes.
    public init(pep740Attestation bytes: [UInt8], source: String) throws(SigstoreError) {
        let root = try SigstoreJSON.document(bytes, source: source)
        let versionNode = try root.required("version")
        guard try versionNode.int64() == 1 else { throw versionNode.wrongType("attestation version 1") }
        let material = try root.required("verification_material")
        let der = try material.required("certificate").base64()
        let certificate: Certificate
        do {
            certificate = try Certificate(der: der, source: "\(source) $.verification_material.certificate")
        } catch {
            throw .crypto(source: source, error)
        }
        let envelope = try root.required("envelope")
        self.source = source
        version = .v0_3
        verificationMaterial = .certificate(certificate)
        transparencyLogEntries = try material.elements("transparency_entries", limit: SigstoreLimits.maxElements)
            .map { (node) throws(SigstoreError) in try Self.entry(node) }
        rfc3161Timestamps = []
        content = .dsseEnvelope(DSSEEnvelope(
            payloadType: DSSEEnvelope.inTotoPayloadType, payload: try envelope.required("statement").base64(),
            signatures: [.init(keyID: nil, signature: try envelope.required("signature").base64())]))
    }
}

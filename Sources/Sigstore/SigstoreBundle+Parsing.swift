import Crypto

extension SigstoreBundle {
    /// Reads a bundle from its protobuf JSON.
    /// - Throws: `unknownMediaType` for a media type outside `mediaTypes`; a field error naming the JSON path
    ///   for anything malformed, including an empty certificate chain and base64 that does not decode.
    public init(json bytes: [UInt8], source: String) throws(SigstoreError) {
        let root = try SigstoreJSON.document(bytes, source: source)
        let mediaType = try root.required("mediaType").text()
        guard let version = Self.mediaTypes[mediaType] else {
            throw .unknownMediaType(source: source, mediaType: mediaType)
        }
        let material = try root.required("verificationMaterial")
        self.source = source
        self.version = version
        verificationMaterial = try Self.material(material)
        transparencyLogEntries = try material.elements("tlogEntries", limit: SigstoreLimits.maxElements).map {
            (node) throws(SigstoreError) in try Self.entry(node)
        }
        rfc3161Timestamps = try material.member("timestampVerificationData")?
            .elements("rfc3161Timestamps", limit: SigstoreLimits.maxElements)
            .map { (node) throws(SigstoreError) in try node.required("signedTimestamp").base64() } ?? []

        let message = try root.member("messageSignature")
        let envelope = try root.member("dsseEnvelope")
        switch (message, envelope) {
        case (let message?, nil): content = .messageSignature(try Self.messageSignature(message))
        case (nil, let envelope?): content = .dsseEnvelope(try DSSEEnvelope(envelope))
        case (nil, nil): throw .missingField(source: source, path: "$.messageSignature or $.dsseEnvelope")
        default: throw .invalidValue(source: source, path: "$", expected: "one of messageSignature, dsseEnvelope")
        }
    }

    private static func material(_ node: SigstoreJSON) throws(SigstoreError) -> VerificationMaterial {
        if let chain = try node.member("x509CertificateChain") {
            let certificates = try chain.elements("certificates", limit: 16)
            guard !certificates.isEmpty else { throw chain.wrongType("a non-empty certificate chain") }
            var parsed: [Certificate] = []
            for certificate in certificates { parsed.append(try Self.certificate(certificate)) }
            return .certificateChain(parsed)
        }
        if let certificate = try node.member("certificate") { return .certificate(try Self.certificate(certificate)) }
        if let key = try node.member("publicKey") { return .publicKey(hint: try key.member("hint")?.text()) }
        throw .missingField(source: node.source, path: node.path + ".certificate")
    }

    private static func certificate(_ node: SigstoreJSON) throws(SigstoreError) -> Certificate {
        let der = try node.required("rawBytes").base64()
        do {
            return try Certificate(der: der, source: "\(node.source) \(node.path)")
        } catch {
            throw .crypto(source: node.source, error)
        }
    }

    private static func messageSignature(_ node: SigstoreJSON) throws(SigstoreError) -> MessageSignature {
        var digest: (HashAlgorithm, [UInt8])?
        if let digestNode = try node.member("messageDigest") {
            let name = try digestNode.required("algorithm")
            guard let algorithm = HashAlgorithm(rawValue: try name.text()) else { throw name.wrongType("SHA2_256") }
            let value = try digestNode.required("digest").base64()
            guard value.count == algorithm.byteCount else { throw digestNode.wrongType("a \(algorithm) digest") }
            digest = (algorithm, value)
        }
        let signature = try node.required("signature").base64()
        guard !signature.isEmpty else { throw node.wrongType("a non-empty signature") }
        return MessageSignature(digest: digest, signature: signature)
    }

    static func entry(_ node: SigstoreJSON) throws(SigstoreError) -> TransparencyLogEntry {
        let kindVersion = try node.required("kindVersion")
        var proof: TransparencyLogEntry.InclusionProof?
        if let proofNode = try node.member("inclusionProof") {
            let hashes = try proofNode.elements("hashes", limit: SigstoreLimits.maxProofHashes)
            proof = .init(logIndex: try proofNode.required("logIndex").int64(),
                          rootHash: try proofNode.required("rootHash").base64(),
                          treeSize: try proofNode.required("treeSize").int64(),
                          hashes: try hashes.map { (hash) throws(SigstoreError) in try hash.base64() },
                          checkpoint: try proofNode.member("checkpoint")?.required("envelope").text())
        }
        return TransparencyLogEntry(
            logIndex: try node.required("logIndex").int64(),
            logID: try node.required("logId").required("keyId").base64(),
            kind: try kindVersion.required("kind").text(), kindVersion: try kindVersion.required("version").text(),
            integratedTime: try node.member("integratedTime")?.int64(),
            signedEntryTimestamp: try node.member("inclusionPromise")?.required("signedEntryTimestamp").base64(),
            inclusionProof: proof, canonicalizedBody: try node.required("canonicalizedBody").base64())
    }
}

extension DSSEEnvelope {
    /// Reads an envelope from its JSON object (as in a bundle, or a standalone `.intoto.jsonl` line).
    init(_ node: SigstoreJSON) throws(SigstoreError) {
        payloadType = try node.required("payloadType").text()
        payload = try node.required("payload").base64()
        signatures = try node.elements("signatures", limit: 16).map { (signature) throws(SigstoreError) in
            Signature(keyID: try signature.member("keyid")?.text(), signature: try signature.required("sig").base64())
        }
    }

    /// Reads a standalone envelope from JSON bytes.
    public init(json bytes: [UInt8], source: String) throws(SigstoreError) {
        try self.init(try SigstoreJSON.document(bytes, source: source))
    }
}

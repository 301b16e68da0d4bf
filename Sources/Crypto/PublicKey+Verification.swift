import COpenSSL

extension PublicKey {
    /// How an RSA signature is padded; ignored for other keys.
    public enum RSAPadding: Sendable {
        /// PKCS#1 v1.5, what Sigstore and most RSA signers use.
        case pkcs1v15
        /// PSS with a salt as long as the digest, as Go's crypto/rsa and cosign make them.
        case pss
    }

    /// Whether `signature` is this key's signature over `message`: ECDSA (DER-encoded) and RSA over the hash the
    /// key's kind implies unless `hash` says otherwise, Ed25519 over the message itself.
    public func isValidSignature(_ signature: [UInt8], over message: [UInt8], hash: HashAlgorithm? = nil,
                                 padding: RSAPadding = .pkcs1v15) -> Bool {
        guard !signature.isEmpty, signature.count <= CryptoLimits.maxSignatureSize else { return false }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context); ERR_clear_error() }
        let digest = kind == .ed25519 ? nil : (hash ?? kind.defaultHash)?.evp
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit(context, &keyContext, digest, nil, pointer) == 1 else { return false }
        if case .rsa = kind, padding == .pss, let keyContext {
            guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1,
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_AUTO) == 1 else { return false }
        }
        return signature.withUnsafeBufferPointer { sig in
            message.withUnsafeBufferPointer { msg in
                EVP_DigestVerify(context, sig.baseAddress, sig.count, msg.baseAddress, msg.count) == 1
            }
        }
    }

    /// Whether `signature` is this key's signature over a message whose `hash` digest is `digest` (ECDSA and
    /// RSA only: Ed25519 signs messages, not digests).
    public func isValidSignature(_ signature: [UInt8], overDigest digest: [UInt8], hash: HashAlgorithm,
                                 padding: RSAPadding = .pkcs1v15) -> Bool {
        guard kind != .ed25519, digest.count == hash.byteCount, !signature.isEmpty,
              signature.count <= CryptoLimits.maxSignatureSize else { return false }
        guard let context = EVP_PKEY_CTX_new(pointer, nil) else { return false }
        defer { EVP_PKEY_CTX_free(context); ERR_clear_error() }
        guard EVP_PKEY_verify_init(context) == 1, EVP_PKEY_CTX_set_signature_md(context, hash.evp) == 1 else {
            return false
        }
        if case .rsa = kind {
            let mode = padding == .pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING
            guard EVP_PKEY_CTX_set_rsa_padding(context, mode) == 1 else { return false }
        }
        return EVP_PKEY_verify(context, signature, signature.count, digest, digest.count) == 1
    }

    /// Checks `signature` over `message`, throwing `signatureInvalid` naming `subject` when it does not verify.
    public func verify(_ signature: [UInt8], over message: [UInt8], subject: String, hash: HashAlgorithm? = nil,
                       padding: RSAPadding = .pkcs1v15) throws(CryptoError) {
        guard isValidSignature(signature, over: message, hash: hash, padding: padding) else {
            throw .signatureInvalid(subject: subject)
        }
    }
}

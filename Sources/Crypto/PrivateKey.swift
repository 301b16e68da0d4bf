import COpenSSL

/// A private key that signs: read from an unencrypted PKCS#8 PEM (`PRIVATE KEY`), or the SEC 1 `EC PRIVATE KEY`
/// form that older tools write.
///
/// Shortcoming: cosign's `ENCRYPTED SIGSTORE PRIVATE KEY` (scrypt + NaCl secretbox) is not read, because
/// secretbox needs XSalsa20, which OpenSSL lacks; such keys must be exported to PKCS#8 first.
public final class PrivateKey: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Where the key came from, for errors.
    public let source: String
    /// The matching public key.
    public let publicKey: PublicKey

    /// Reads the first private key block of `pem`.
    public init(pem: String, source: String) throws(CryptoError) {
        let blocks = try PEM.blocks(in: pem, source: source)
        guard let block = blocks.first(where: { $0.label == "PRIVATE KEY" || $0.label == "EC PRIVATE KEY" }) else {
            if blocks.contains(where: { $0.label.contains("ENCRYPTED") }) {
                throw .unsupportedKey(source: source, kind: "encrypted private key (export it as unencrypted PKCS#8)")
            }
            throw .malformedKey(source: source, reason: "no PRIVATE KEY block")
        }
        guard block.der.count <= CryptoLimits.maxDERSize else {
            throw .inputTooLarge(source: source, size: block.der.count, limit: CryptoLimits.maxDERSize)
        }
        let key: OpaquePointer? = block.der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
        }
        guard let key else { throw .malformedKey(source: source, reason: OpenSSLErrors.drain("not PKCS#8")) }
        var der: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(key, &der)
        guard length > 0, let der else {
            EVP_PKEY_free(key)
            throw .malformedKey(source: source, reason: "no public half")
        }
        let spki = Array(UnsafeBufferPointer(start: der, count: Int(length)))
        safeguard_openssl_free(der)
        do {
            publicKey = try PublicKey(der: spki, source: source)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        pointer = key
        self.source = source
    }

    deinit { EVP_PKEY_free(pointer) }

    /// Signs `message`: ECDSA (DER signature) and RSA PKCS#1 v1.5 over the hash the key's kind implies,
    /// Ed25519 over the message.
    public func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw .signingFailed(source: source, reason: "out of memory") }
        defer { EVP_MD_CTX_free(context) }
        let digest = publicKey.kind == .ed25519 ? nil : publicKey.kind.defaultHash?.evp
        guard EVP_DigestSignInit(context, nil, digest, nil, pointer) == 1 else {
            throw .signingFailed(source: source, reason: OpenSSLErrors.drain("EVP_DigestSignInit failed"))
        }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
            throw .signingFailed(source: source, reason: OpenSSLErrors.drain("cannot size the signature"))
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
            throw .signingFailed(source: source, reason: OpenSSLErrors.drain("EVP_DigestSign failed"))
        }
        return Array(signature.prefix(length))
    }
}

import COpenSSL
import Foundation

/// A public key that verifies signatures: ECDSA on P-256, P-384 or P-521, RSA of at least 2048 bits, or Ed25519.
public final class PublicKey: @unchecked Sendable {
    /// The kinds of key this module verifies with.
    public enum Kind: Equatable, Sendable, CustomStringConvertible {
        /// ECDSA on a NIST curve, signatures DER-encoded.
        case ecdsaP256, ecdsaP384, ecdsaP521
        /// RSA with its modulus size.
        case rsa(bits: Int)
        /// Ed25519 (pure, over the message).
        case ed25519

        /// A name for messages, e.g. `ECDSA P-256`.
        public var description: String {
            switch self {
            case .ecdsaP256: "ECDSA P-256"
            case .ecdsaP384: "ECDSA P-384"
            case .ecdsaP521: "ECDSA P-521"
            case .rsa(let bits): "RSA-\(bits)"
            case .ed25519: "Ed25519"
            }
        }

        /// The hash a signature by this kind of key is made over, as Sigstore and cosign pair them; nil for
        /// Ed25519, which hashes internally.
        public var defaultHash: HashAlgorithm? {
            switch self {
            case .ecdsaP256, .rsa: .sha256
            case .ecdsaP384: .sha384
            case .ecdsaP521: .sha512
            case .ed25519: nil
            }
        }
    }

    /// The smallest RSA modulus accepted. Why: a 1024-bit modulus is within reach of a determined attacker, and
    /// no signer in this ecosystem uses fewer than 2048 bits.
    public static let minimumRSABits = 2048

    // Immutable after init; OpenSSL allows concurrent verification with one EVP_PKEY.
    let pointer: OpaquePointer
    /// What kind of key this is.
    public let kind: Kind

    /// Takes ownership of `pointer`, freeing it if the key is of a kind this module does not use.
    init(taking pointer: OpaquePointer, source: String) throws(CryptoError) {
        self.pointer = pointer
        do {
            kind = try Self.kind(of: pointer, source: source)
        } catch {
            EVP_PKEY_free(pointer)
            throw error
        }
    }

    deinit { EVP_PKEY_free(pointer) }

    /// Reads a DER SubjectPublicKeyInfo, or an RSA PKCS#1 RSAPublicKey.
    public convenience init(der: [UInt8], source: String) throws(CryptoError) {
        guard der.count <= CryptoLimits.maxDERSize else {
            throw .inputTooLarge(source: source, size: der.count, limit: CryptoLimits.maxDERSize)
        }
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            if let key = d2i_PUBKEY(nil, &cursor, buffer.count), cursor == buffer.baseAddress! + buffer.count {
                return key
            }
            ERR_clear_error()
            cursor = buffer.baseAddress
            return d2i_PublicKey(EVP_PKEY_RSA, nil, &cursor, buffer.count)
        }
        guard let key else {
            throw .malformedKey(source: source, reason: OpenSSLErrors.drain("neither SubjectPublicKeyInfo nor PKCS#1"))
        }
        try self.init(taking: key, source: source)
    }

    /// Reads the first `PUBLIC KEY` or `RSA PUBLIC KEY` block of PEM text.
    public convenience init(pem: String, source: String) throws(CryptoError) {
        let blocks = try PEM.blocks(in: pem, source: source)
        guard let block = blocks.first(where: { $0.label == "PUBLIC KEY" || $0.label == "RSA PUBLIC KEY" }) else {
            throw .malformedKey(source: source, reason: "no PUBLIC KEY block")
        }
        try self.init(der: block.der, source: source)
    }

    /// The key as a DER SubjectPublicKeyInfo, the form Sigstore hashes into key and log IDs.
    public var subjectPublicKeyInfo: [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(pointer, &out)
        guard length > 0, let out else { return [] }
        defer { safeguard_openssl_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    /// Whether two keys are the same key.
    public func isSameKey(as other: PublicKey) -> Bool { EVP_PKEY_eq(pointer, other.pointer) == 1 }

    private static func kind(of key: OpaquePointer, source: String) throws(CryptoError) -> Kind {
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_ED25519: return .ed25519
        case EVP_PKEY_RSA:
            let bits = Int(EVP_PKEY_get_bits(key))
            guard bits >= minimumRSABits else { throw .unsupportedKey(source: source, kind: "RSA-\(bits)") }
            return .rsa(bits: bits)
        case EVP_PKEY_EC:
            var name = [CChar](repeating: 0, count: 64)
            var length = 0
            guard EVP_PKEY_get_group_name(key, &name, name.count, &length) == 1 else {
                throw .unsupportedKey(source: source, kind: "EC key without a named curve")
            }
            let curve = String(decoding: name.prefix(length).map(UInt8.init), as: UTF8.self)
            switch curve {
            case "prime256v1", "P-256": return .ecdsaP256
            case "secp384r1", "P-384": return .ecdsaP384
            case "secp521r1", "P-521": return .ecdsaP521
            default: throw .unsupportedKey(source: source, kind: "EC curve \(curve)")
            }
        default:
            throw .unsupportedKey(source: source, kind: "EVP_PKEY type \(EVP_PKEY_get_base_id(key))")
        }
    }
}

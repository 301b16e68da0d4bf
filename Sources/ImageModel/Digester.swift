import COpenSSL

/// An incremental hash over OpenSSL's EVP interface, which uses the CPU's SHA extensions where present.
///
/// A class because it owns an OpenSSL context that must be freed exactly once; it is not shared
/// between threads (each layer's pass owns its own digesters).
public final class Digester {
    /// The algorithm being computed.
    public let algorithm: Digest.Algorithm
    private let context: OpaquePointer
    /// How many bytes have been hashed so far.
    public private(set) var count: Int64 = 0

    /// Starts a new hash.
    public init(algorithm: Digest.Algorithm = .sha256) {
        self.algorithm = algorithm
        guard let context = EVP_MD_CTX_new() else { fatalError("OpenSSL could not allocate a digest context") }
        self.context = context
        let md = algorithm == .sha256 ? EVP_sha256() : EVP_sha512()
        guard EVP_DigestInit_ex(context, md, nil) == 1 else { fatalError("OpenSSL could not start \(algorithm)") }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `bytes` to the hash.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
        count += Int64(bytes.count)
    }

    /// Finishes the hash and returns the digest. The digester must not be used afterwards.
    public func finalize() -> Digest {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &output, &length)
        return Digest(algorithm: algorithm, encoded: hexEncoded(output[0..<Int(length)]))
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)

/// `bytes` as lowercase hex, two digits a byte: how digests are written everywhere.
public func hexEncoded(_ bytes: some Collection<UInt8>) -> String {
    var text = [UInt8]()
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        text.append(hexDigits[Int(byte >> 4)])
        text.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
}

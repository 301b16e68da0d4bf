import COpenSSL

/// The SHA-2 hashes signatures in this ecosystem are made with.
public enum HashAlgorithm: String, Sendable, CaseIterable {
    /// SHA-256; raw values are Sigstore's protobuf names.
    case sha256 = "SHA2_256"
    /// SHA-384.
    case sha384 = "SHA2_384"
    /// SHA-512.
    case sha512 = "SHA2_512"

    /// The digest's length in bytes.
    public var byteCount: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// OpenSSL's descriptor of this hash.
    var evp: OpaquePointer? {
        switch self {
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
    }

    /// The digest of `bytes`.
    public func hash(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, evp, nil)
        }
        precondition(ok == 1, "EVP_Digest failed for \(self)")
        return Array(output.prefix(Int(length)))
    }
}

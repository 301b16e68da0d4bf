import COpenSSL

/// What went wrong with a key, certificate, signature or timestamp: each case names the input it is about.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key could not be read from `source`.
    case malformedKey(source: String, reason: String)
    /// A key of a kind this module does not verify with (DSA, an unnamed curve, a too-short RSA modulus).
    case unsupportedKey(source: String, kind: String)
    /// A certificate could not be read from `source`.
    case malformedCertificate(source: String, reason: String)
    /// PEM text in `source` is not a sequence of well-formed blocks.
    case malformedPEM(source: String, reason: String)
    /// DER in `source` does not decode as the structure expected there.
    case malformedDER(source: String, reason: String)
    /// An input larger than this module accepts.
    case inputTooLarge(source: String, size: Int, limit: Int)
    /// A signature over `subject` does not verify with the key it was checked against.
    case signatureInvalid(subject: String)
    /// The certificate `subject` does not chain to the given roots at the given time.
    case chainInvalid(subject: String, reason: String)
    /// An RFC 3161 timestamp token from `source` does not verify.
    case timestampInvalid(source: String, reason: String)
    /// A signed certificate timestamp embedded in `subject` could not be read or checked.
    case sctInvalid(subject: String, reason: String)
    /// Signing with the key from `source` failed.
    case signingFailed(source: String, reason: String)

    /// The message, naming the input.
    public var description: String {
        switch self {
        case .malformedKey(let source, let reason): "\(source): not a readable public or private key: \(reason)"
        case .unsupportedKey(let source, let kind): "\(source): unsupported key type \(kind)"
        case .malformedCertificate(let source, let reason): "\(source): not a readable X.509 certificate: \(reason)"
        case .malformedPEM(let source, let reason): "\(source): malformed PEM: \(reason)"
        case .malformedDER(let source, let reason): "\(source): malformed DER: \(reason)"
        case .inputTooLarge(let source, let size, let limit):
            "\(source): \(size) bytes, more than the \(limit) accepted"
        case .signatureInvalid(let subject): "\(subject): signature does not verify"
        case .chainInvalid(let subject, let reason):
            "certificate \(subject) does not chain to a trusted root: \(reason)"
        case .timestampInvalid(let source, let reason): "\(source): RFC 3161 timestamp does not verify: \(reason)"
        case .sctInvalid(let subject, let reason): "certificate \(subject): signed certificate timestamp: \(reason)"
        case .signingFailed(let source, let reason): "\(source): signing failed: \(reason)"
        }
    }
}

/// OpenSSL's error queue, drained into one line.
enum OpenSSLErrors {
    /// The queued errors joined by "; ", or `fallback` when the queue is empty.
    static func drain(_ fallback: String) -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            guard messages.count < 4 else { continue }
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self))
        }
        return messages.isEmpty ? fallback : messages.joined(separator: "; ")
    }
}

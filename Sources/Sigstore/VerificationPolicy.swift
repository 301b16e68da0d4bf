import Crypto
import Foundation

/// A string a certificate field must match.
public enum StringMatch: Sendable, Equatable, CustomStringConvertible {
    /// Equal, byte for byte.
    case exact(String)
    /// Matched by the whole regular expression (ICU syntax).
    ///
    /// Why the whole string and not a substring as cosign's Go regexp does: an unanchored
    /// `https://github.com/org/` also matches `https://evil.example/?https://github.com/org/`.
    case regex(String)

    /// Whether `text` matches; an invalid expression matches nothing.
    public func matches(_ text: String) -> Bool {
        switch self {
        case .exact(let expected): return text == expected
        case .regex(let pattern):
            guard let expression = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else { return false }
            let range = NSRange(text.startIndex..., in: text)
            return expression.firstMatch(in: text, range: range) != nil
        }
    }

    /// The expectation as written in messages: quoted text or /regex/.
    public var description: String {
        switch self {
        case .exact(let text): "'\(text)'"
        case .regex(let pattern): "/\(pattern)/"
        }
    }
}

/// Who must have signed: a key the verifier holds, or a Fulcio certificate identity and OIDC issuer.
public struct VerificationPolicy: Sendable {
    /// The expected signer.
    public enum Signer: Sendable {
        /// Signed with this key.
        case publicKey(PublicKey)
        /// Signed by a Fulcio certificate for this identity and OIDC issuer.
        case certificate(identity: StringMatch, issuer: StringMatch)
    }

    /// The expected signer; nil means no expectation, which never verifies.
    public let signer: Signer?

    /// A policy with `signer`.
    public init(signer: Signer?) { self.signer = signer }

    /// Signed with `key`.
    public static func publicKey(_ key: PublicKey) -> VerificationPolicy { .init(signer: .publicKey(key)) }

    /// Signed by a Fulcio certificate for `identity` (SAN URI or email) issued after login at `issuer`.
    public static func certificate(identity: StringMatch, issuer: StringMatch) -> VerificationPolicy {
        .init(signer: .certificate(identity: identity, issuer: issuer))
    }
}

/// What is being verified: the artifact's bytes, or only its digest (enough for everything but Ed25519
/// message signatures).
public enum Artifact: Sendable {
    /// The artifact itself.
    case bytes([UInt8])
    /// Only the artifact's digest.
    case digest(algorithm: HashAlgorithm, value: [UInt8])

    /// The artifact's digest with `algorithm`, when it can be known.
    public func digest(_ algorithm: HashAlgorithm) -> [UInt8]? {
        switch self {
        case .bytes(let bytes): algorithm.hash(bytes)
        case .digest(let known, let value): known == algorithm ? value : nil
        }
    }
}

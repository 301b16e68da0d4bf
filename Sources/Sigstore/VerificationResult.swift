import Crypto
import Foundation

/// What a successful verification established.
public struct VerificationResult: Sendable {
    /// Who signed.
    public enum Signer: Sendable {
        /// A Fulcio certificate for `identity` (SAN URI or email) from OIDC `issuer`.
        case certificate(identity: String, issuer: String?, certificate: Certificate)
        /// The policy's public key.
        case publicKey
    }

    /// The bundle, as named to the verifier.
    public let source: String
    /// The signer.
    public let signer: Signer
    /// Times a transparency log attested with a signed entry timestamp.
    public let integratedTimes: [Date]
    /// Times an RFC 3161 timestamp authority attested.
    public let timestamps: [Date]
    /// The transparency log indices of the verified entries.
    public let logIndices: [Int64]
    /// The in-toto statement a DSSE bundle carried, checked against the artifact.
    public let statement: InTotoStatement?

    /// The statement's predicate type, when there is a statement.
    public var predicateType: String? { statement?.predicateType }

    /// The signer's identity, when certificate-based.
    public var identity: String? {
        if case .certificate(let identity, _, _) = signer { return identity }
        return nil
    }

    /// The OIDC issuer, when certificate-based.
    public var issuer: String? {
        if case .certificate(_, let issuer, _) = signer { return issuer }
        return nil
    }
}

import Crypto
import Foundation

/// A Sigstore bundle: a signature or DSSE envelope with everything needed to verify it offline.
public struct SigstoreBundle: Sendable {
    /// The bundle format versions this reader understands.
    public enum Version: String, Sendable, Comparable {
        /// The versions, by their media type's version number.
        case v0_1 = "0.1", v0_2 = "0.2", v0_3 = "0.3"

        /// Older versions order first.
        public static func < (lhs: Version, rhs: Version) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// What vouches for the signing key.
    public enum VerificationMaterial: Sendable {
        /// A Fulcio certificate, leaf first (v0.1 and v0.2 bundles carry a chain; verification uses the leaf).
        case certificateChain([Certificate])
        /// A single leaf certificate (v0.3).
        case certificate(Certificate)
        /// A key the verifier must already have; `hint` names it.
        case publicKey(hint: String?)

        /// The signing certificate, when the material is certificate-based.
        public var leaf: Certificate? {
            switch self {
            case .certificateChain(let chain): chain.first
            case .certificate(let certificate): certificate
            case .publicKey: nil
            }
        }
    }

    /// A signature directly over the artifact.
    public struct MessageSignature: Sendable {
        /// The artifact digest the bundle claims, an unauthenticated hint checked for consistency.
        public let digest: (algorithm: HashAlgorithm, value: [UInt8])?
        /// The signature bytes.
        public let signature: [UInt8]
    }

    /// What was signed.
    public enum Content: Sendable {
        /// A signature over the artifact's bytes.
        case messageSignature(MessageSignature)
        /// A DSSE envelope, usually carrying an in-toto statement about the artifact.
        case dsseEnvelope(DSSEEnvelope)

        /// The signature bytes the transparency log and timestamps are about.
        public var signature: [UInt8] {
            switch self {
            case .messageSignature(let message): message.signature
            case .dsseEnvelope(let envelope): envelope.signatures.first?.signature ?? []
            }
        }
    }

    /// Where the bundle came from, for messages.
    public let source: String
    /// The format version, from the media type.
    public let version: Version
    /// The key or certificate material.
    public let verificationMaterial: VerificationMaterial
    /// Transparency log entries.
    public let transparencyLogEntries: [TransparencyLogEntry]
    /// DER RFC 3161 TimeStampResp values over the signature.
    public let rfc3161Timestamps: [[UInt8]]
    /// The signed content.
    public let content: Content
}

extension SigstoreBundle {
    /// The media types, in both spellings, and the version each means.
    public static let mediaTypes: [String: Version] = [
        "application/vnd.dev.sigstore.bundle+json;version=0.1": .v0_1,
        "application/vnd.dev.sigstore.bundle+json;version=0.2": .v0_2,
        "application/vnd.dev.sigstore.bundle+json;version=0.3": .v0_3,
        "application/vnd.dev.sigstore.bundle.v0.3+json": .v0_3,
    ]

    /// Reads a bundle file.
    public init(contentsOf path: String) throws(SigstoreError) {
        try self.init(json: try readFile(path, limit: SigstoreLimits.maxDocumentSize), source: path)
    }
}

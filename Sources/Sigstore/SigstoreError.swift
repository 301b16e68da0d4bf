import Crypto
import JSONTree

/// Why a bundle, trusted root or attestation was not accepted; every case names the document it is about.
public enum SigstoreError: Error, Equatable, Sendable, CustomStringConvertible, JSONTreeFailure {
    // Reading documents.
    /// `source` is not JSON.
    case notJSON(source: String, reason: String)
    /// `source` nests deeper than `limit`.
    case tooDeep(source: String, limit: Int)
    /// A required field at `path` is missing.
    case missingField(source: String, path: String)
    /// The value at `path` is not what the format requires.
    case invalidValue(source: String, path: String, expected: String)
    /// The string at `path` is longer than accepted.
    case fieldTooLong(source: String, path: String, length: Int, limit: Int)
    /// The array at `path` has more elements than accepted.
    case tooManyElements(source: String, path: String, limit: Int)
    /// A file that could not be read.
    case unreadable(source: String, reason: String)
    /// A document larger than accepted.
    case documentTooLarge(source: String, size: Int, limit: Int)
    /// A bundle media type this verifier does not know.
    case unknownMediaType(source: String, mediaType: String)
    /// A key, certificate, signature or timestamp inside `source` failed in the Crypto module.
    case crypto(source: String, CryptoError)

    // Verifying.
    /// Nothing to verify against: no key or identity in the policy, or no trusted material.
    case noPolicy(source: String, reason: String)
    /// The bundle's verification material does not fit the policy (a key where a certificate is needed).
    case materialMismatch(source: String, reason: String)
    /// The signature over the artifact or the DSSE envelope does not verify.
    case signatureMismatch(source: String, reason: String)
    /// The artifact is not what was signed.
    case artifactMismatch(source: String, reason: String)
    /// The signing certificate does not chain to the trusted root, or its SCTs do not verify.
    case certificateUntrusted(source: String, reason: String)
    /// The signer is not the identity the policy asks for.
    case identityMismatch(source: String, reason: String)
    /// A transparency log entry does not verify or does not describe this signature.
    case transparencyLog(source: String, reason: String)
    /// A timestamp does not verify, or no verified time is available.
    case timestamp(source: String, reason: String)
    /// A trusted root that cannot be used.
    case invalidTrustedRoot(source: String, reason: String)
    /// An attestation or signature payload whose content is not what the caller expects.
    case payloadMismatch(source: String, reason: String)

    /// The message, naming the document and what was wrong.
    public var description: String {
        switch self {
        case .notJSON(let source, let reason): "\(source): not JSON: \(reason)"
        case .tooDeep(let source, let limit): "\(source): nested deeper than \(limit) levels"
        case .missingField(let source, let path): "\(source): \(path) is missing"
        case .invalidValue(let source, let path, let expected): "\(source): \(path) should be \(expected)"
        case .fieldTooLong(let source, let path, let length, let limit):
            "\(source): \(path) is \(length) bytes, more than \(limit)"
        case .tooManyElements(let source, let path, let limit): "\(source): \(path) has more than \(limit) elements"
        case .unreadable(let source, let reason): "\(source): cannot read: \(reason)"
        case .documentTooLarge(let source, let size, let limit): "\(source): \(size) bytes, more than \(limit)"
        case .unknownMediaType(let source, let mediaType): "\(source): unknown bundle media type '\(mediaType)'"
        case .crypto(let source, let error): "\(source): \(error)"
        case .noPolicy(let source, let reason): "\(source): nothing to verify against: \(reason)"
        case .materialMismatch(let source, let reason): "\(source): verification material: \(reason)"
        case .signatureMismatch(let source, let reason): "\(source): signature: \(reason)"
        case .artifactMismatch(let source, let reason): "\(source): artifact: \(reason)"
        case .certificateUntrusted(let source, let reason): "\(source): signing certificate: \(reason)"
        case .identityMismatch(let source, let reason): "\(source): identity: \(reason)"
        case .transparencyLog(let source, let reason): "\(source): transparency log: \(reason)"
        case .timestamp(let source, let reason): "\(source): timestamp: \(reason)"
        case .invalidTrustedRoot(let source, let reason): "\(source): trusted root: \(reason)"
        case .payloadMismatch(let source, let reason): "\(source): payload: \(reason)"
        }
    }
}

/// Sizes and counts this module refuses to go past.
public enum SigstoreLimits {
    /// A bundle or trusted root file. Real bundles are 5–20 KiB; DSSE bundles carry their statement, which for
    /// SLSA provenance with many subjects reaches a few hundred KiB.
    public static let maxDocumentSize = 16 * 1024 * 1024
    /// JSON nesting; the deepest real documents (SLSA v1 provenance) nest about 10 levels.
    public static let maxDepth = 64
    /// Base64 fields (certificates, bodies, payloads) once decoded.
    public static let maxFieldSize = 8 * 1024 * 1024
    /// Entries in any list: tlog entries, proof hashes, certificates, subjects, trusted-root instances.
    public static let maxElements = 4096
    /// Hashes in an inclusion proof: a tree of 2^64 leaves needs 64.
    public static let maxProofHashes = 64
    /// Short strings: media types, kinds, names, URLs.
    public static let maxStringLength = 8192
}

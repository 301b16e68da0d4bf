import Crypto
import Foundation
import ImageModel

/// Offline verification of Sigstore bundles against a trusted root and a policy.
///
/// Nothing passes by default: without a signer in the policy, without transparency logs in the trusted root,
/// without a log entry or without a verified time, verification fails.
public enum SigstoreVerifier {
    /// How far in the future a log's integrated time may be: clock skew between the log and this host.
    static let allowedClockSkew: TimeInterval = 60
    /// Most RFC 3161 timestamps examined in one bundle.
    static let maxTimestamps = 32

    /// Verifies `bundle` over `artifact`: the signature, the signer against `policy`, every transparency log
    /// entry against `trustedRoot`, every timestamp, and the certificate at each verified time.
    /// - Returns: who signed, when it was attested, and the in-toto statement for DSSE bundles.
    /// - Throws: a `SigstoreError` naming the bundle and the first check that failed.
    public static func verify(bundle: SigstoreBundle, artifact: Artifact, policy: VerificationPolicy,
                              trustedRoot: TrustedRoot, now: Date = Date()) throws(SigstoreError)
        -> VerificationResult
    {
        let source = bundle.source
        guard let expected = policy.signer else {
            throw .noPolicy(source: source, reason: "no key and no certificate identity to verify against")
        }
        guard !trustedRoot.transparencyLogs.isEmpty else {
            throw .noPolicy(source: source, reason: "\(trustedRoot.source) lists no transparency logs")
        }
        let key = try signingKey(bundle, expected: expected)

        let statement = try verifyContent(bundle, artifact: artifact, key: key)

        guard !bundle.transparencyLogEntries.isEmpty else {
            throw .transparencyLog(source: source, reason: "the bundle has no transparency log entry")
        }
        var integratedTimes: [Date] = []
        var unattestedEntries = false
        for entry in bundle.transparencyLogEntries {
            let verified = try TransparencyLogVerifier.verify(entry, bundle: bundle, artifact: artifact, key: key,
                                                              trustedRoot: trustedRoot, now: now)
            if let time = verified { integratedTimes.append(time) } else { unattestedEntries = true }
        }
        let timestamps = try verifyTimestamps(bundle, trustedRoot: trustedRoot)
        if unattestedEntries, !timestamps.isEmpty {
            // A Rekor v2 entry has no integrated time; its log key must be trusted at the attested time.
            try TransparencyLogVerifier.checkLogValidity(bundle, at: timestamps, trustedRoot: trustedRoot)
        }
        let times = integratedTimes + timestamps
        guard !times.isEmpty else {
            throw .timestamp(source: source, reason: "no verified time: no signed entry timestamp and no RFC 3161 "
                             + "timestamp from a trusted authority")
        }

        let signer: VerificationResult.Signer
        switch expected {
        case .publicKey: signer = .publicKey
        case .certificate(let identity, let issuer):
            guard let leaf = bundle.verificationMaterial.leaf else {
                throw .materialMismatch(source: source, reason: "the policy names an identity but the bundle has "
                                        + "no certificate")
            }
            try CertificateVerifier.verify(leaf, at: times, trustedRoot: trustedRoot, source: source)
            signer = try CertificateVerifier.checkIdentity(leaf, identity: identity, issuer: issuer, source: source)
        }
        return VerificationResult(source: source, signer: signer, integratedTimes: integratedTimes,
                                  timestamps: timestamps, logIndices: bundle.transparencyLogEntries.map(\.logIndex),
                                  statement: statement)
    }

    /// The key that must have made the signature: the policy's, or the bundle certificate's.
    private static func signingKey(_ bundle: SigstoreBundle, expected: VerificationPolicy.Signer)
        throws(SigstoreError) -> PublicKey
    {
        switch (expected, bundle.verificationMaterial) {
        case (.publicKey(let key), .publicKey): return key
        case (.publicKey, _):
            throw .materialMismatch(source: bundle.source, reason: "the policy names a key but the bundle carries "
                                    + "a certificate")
        case (.certificate, .publicKey):
            throw .materialMismatch(source: bundle.source, reason: "the policy names an identity but the bundle "
                                    + "carries only a key hint")
        case (.certificate, let material):
            guard let leaf = material.leaf else {
                throw .materialMismatch(source: bundle.source, reason: "empty certificate chain")
            }
            do {
                return try leaf.publicKey()
            } catch {
                throw .crypto(source: bundle.source, error)
            }
        }
    }

    /// Checks the signature over the artifact or the DSSE envelope, and for in-toto payloads that the artifact
    /// is a subject. Returns the statement, if any.
    static func verifyContent(_ bundle: SigstoreBundle, artifact: Artifact, key: PublicKey) throws(SigstoreError)
        -> InTotoStatement?
    {
        let source = bundle.source
        switch bundle.content {
        case .messageSignature(let message):
            if let (algorithm, claimed) = message.digest, let actual = artifact.digest(algorithm), actual != claimed {
                throw .artifactMismatch(source: source, reason: "messageDigest does not match the artifact's digest")
            }
            let valid: Bool
            switch artifact {
            case .bytes(let bytes): valid = key.isValidSignature(message.signature, over: bytes)
            case .digest(let algorithm, let value):
                valid = key.isValidSignature(message.signature, overDigest: value, hash: algorithm)
            }
            guard valid else {
                throw .signatureMismatch(source: source, reason: "does not verify over the artifact with the "
                                         + "\(key.kind) signing key")
            }
            return nil
        case .dsseEnvelope(let envelope):
            // Why exactly one: Sigstore bundles carry one signer; extra signatures would be unverified baggage
            // that a consumer might mistake for verified co-signers.
            guard envelope.signatures.count == 1, let signature = envelope.signatures.first else {
                throw .signatureMismatch(source: source, reason: "the DSSE envelope has \(envelope.signatures.count) "
                                         + "signatures; exactly one is expected")
            }
            guard key.isValidSignature(signature.signature, over: envelope.preAuthenticationEncoding) else {
                throw .signatureMismatch(source: source, reason: "the DSSE envelope signature does not verify")
            }
            guard envelope.payloadType == DSSEEnvelope.inTotoPayloadType else {
                throw .payloadMismatch(source: source, reason: "payload type '\(envelope.payloadType)' is not in-toto")
            }
            let statement = try InTotoStatement(json: envelope.payload, source: source + " DSSE payload")
            guard let digest = artifact.digest(.sha256) else {
                throw .artifactMismatch(source: source, reason: "the artifact's SHA-256 digest is not known")
            }
            guard statement.hasSubject(sha256: digest) else {
                throw .artifactMismatch(source: source, reason: "no subject of the in-toto statement has the "
                                        + "artifact's digest sha256:\(hexEncoded(digest))")
            }
            return statement
        }
    }

    /// Verifies every RFC 3161 timestamp over the signature against the trusted timestamp authorities.
    private static func verifyTimestamps(_ bundle: SigstoreBundle, trustedRoot: TrustedRoot) throws(SigstoreError)
        -> [Date]
    {
        guard bundle.rfc3161Timestamps.count <= maxTimestamps else {
            throw .timestamp(source: bundle.source, reason: "more than \(maxTimestamps) timestamps")
        }
        var times: [Date] = []
        for (index, token) in bundle.rfc3161Timestamps.enumerated() {
            var reasons: [String] = []
            var verified: Date?
            for authority in trustedRoot.timestampAuthorities {
                do {
                    let time = try TimestampToken.verify(response: token, data: bundle.content.signature,
                                                         chain: authority.chain, source: "timestamp \(index + 1)")
                    guard authority.validFor.contains(time) else {
                        reasons.append("\(RFC3339.text(time)) is outside the validity of \(authority.uri)")
                        continue
                    }
                    verified = time
                    break
                } catch {
                    reasons.append(error.description)
                }
            }
            guard let verified else {
                let why = reasons.isEmpty ? "the trusted root lists no timestamp authorities"
                    : reasons.joined(separator: "; ")
                throw .timestamp(source: bundle.source, reason: "timestamp \(index + 1) does not verify: \(why)")
            }
            times.append(verified)
        }
        return times
    }
}

import Crypto
import Foundation
import Sigstore
import Testing
import TestSupport

@Suite(.enabled(if: TestPaths.hasCorpus(ConformanceCase.folder), "needs shared/corpora/\(ConformanceCase.folder)"))
struct ConformanceTests {
    @Test(arguments: ConformanceCase.all())
    func bundleVerifiesOrFailsAsTheCaseNameSays(_ testCase: ConformanceCase) throws {
        if testCase.expectsFailure {
            let error = #expect(throws: (any Error).self) { try testCase.verify() }
            if let error, ProcessInfo.processInfo.environment["SAFEGUARD_SHOW_REASONS"] != nil {
                print("REASON \(testCase.name): \(error)")
            }
            if let error, let expected = Self.expectedFailures[testCase.name] {
                #expect(expected(error), "\(testCase.name) failed for another reason: \(error)")
            }
        } else {
            let result = try testCase.verify()
            #expect(result.integratedTimes.count + result.timestamps.count > 0)
        }
    }

    /// The kind of error each failing case should produce, where the case's README makes it clear.
    static let expectedFailures: [String: @Sendable (any Error) -> Bool] = [
        "bundle-empty-certificate-chain_fail": { isField($0) },
        "bundle-invalid-base64-signature_fail": { isField($0) },
        "checkpoint-bad-keyhint_fail": { isLog($0) },
        "checkpoint-wrong-roothash_fail": { isLog($0) },
        "dsse-invalid-sig_fail": { isSignature($0) },
        "dsse-mismatch-envelope_fail": { isLog($0) },
        "dsse-mismatch-sig_fail": { isLog($0) },
        "inclusion-proof-corrupted-hash_fail": { isLog($0) },
        "integrated-time-in-future_fail": { isCertificate($0) || isLog($0) },
        "intoto-set-outside-signing-cert-validity_fail": { isCertificate($0) || isLog($0) },
        "invalid-ct-key_fail": { isCertificate($0) },
        "invalid-inclusion-proof_fail": { isLog($0) },
        "managed-key-wrong-key_fail": { isSignature($0) || $0 is CryptoError },
        "message-digest-mismatch_fail": { isArtifact($0) },
        "rekor2-checkpoint-missing-log-signature_fail": { isLog($0) },
        "rekor2-checkpoint-missing-origin_fail": { isLog($0) },
        "rekor2-checkpoint-missing-root-hash_fail": { isLog($0) },
        "rekor2-checkpoint-missing-size_fail": { isLog($0) },
        "rekor2-checkpoint-no-matching-signature_fail": { isLog($0) },
        "rekor2-dsse-invalid-sig_fail": { isSignature($0) },
        "rekor2-dsse-mismatch-envelope_fail": { isLog($0) },
        "rekor2-dsse-mismatch-sig_fail": { isLog($0) },
        "rekor2-no-inclusion-proof_fail": { isLog($0) },
        "rekor2-no-timestamp_fail": { isTimestamp($0) },
        "rekor2-timestamp-outside-trust-root-tsa-validity_fail": { isTimestamp($0) },
        "rekor2-timestamp-outside-tsa-cert-validity_fail": { isTimestamp($0) },
        "set-invalid-signature_fail": { isLog($0) },
        "signature-mismatch_fail": { isSignature($0) },
        "trust-root-tlog-missing-validity-start_fail": { isTrustedRoot($0) },
        "wrong-hashedrekord-artifact_fail": { isLog($0) },
        "wrong-hashedrekord-cert-and-sig_fail": { isLog($0) },
        "wrong-hashedrekord-entry_fail": { isLog($0) },
        "wrong-material_fail": { isArtifact($0) || isSignature($0) },
    ]

    static func isLog(_ error: any Error) -> Bool {
        if case .transparencyLog = error as? SigstoreError { return true }
        return false
    }
    static func isSignature(_ error: any Error) -> Bool {
        if case .signatureMismatch = error as? SigstoreError { return true }
        return false
    }
    static func isArtifact(_ error: any Error) -> Bool {
        if case .artifactMismatch = error as? SigstoreError { return true }
        return false
    }
    static func isCertificate(_ error: any Error) -> Bool {
        if case .certificateUntrusted = error as? SigstoreError { return true }
        return false
    }
    static func isTimestamp(_ error: any Error) -> Bool {
        if case .timestamp = error as? SigstoreError { return true }
        return false
    }
    static func isTrustedRoot(_ error: any Error) -> Bool {
        if case .invalidTrustedRoot = error as? SigstoreError { return true }
        return false
    }
    static func isField(_ error: any Error) -> Bool {
        switch error as? SigstoreError {
        case .invalidValue, .missingField: true
        default: false
        }
    }
}

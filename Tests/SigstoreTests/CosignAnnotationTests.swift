import Crypto
import Foundation
import ImageModel
import Sigstore
import Testing
import TestSupport

/// cosign's keyless signature annotations (certificate, Rekor bundle), rebuilt from the conformance v0.1 happy
/// path: the same certificate, signature and Rekor entry, in the shape cosign stores on a signature manifest.
@Suite(.enabled(if: TestPaths.hasCorpus("signing/sigstore-conformance/bundle-verify"),
                "needs shared/corpora/signing/sigstore-conformance/bundle-verify"))
struct CosignAnnotationTests {
    static let folder = TestPaths.corpus("signing/sigstore-conformance/bundle-verify")
    static let policy = VerificationPolicy.certificate(
        identity: .exact("https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
                         + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"),
        issuer: .exact("https://token.actions.githubusercontent.com"))

    static func signature(payload: [UInt8]? = nil) throws -> CosignSignature {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/happy-path-v0.1/bundle.sigstore.json"))
        let bundle = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let material = bundle["verificationMaterial"] as? [String: Any] ?? [:]
        let certificate = ((material["x509CertificateChain"] as? [String: Any])?["certificates"] as? [[String: Any]])?
            .first?["rawBytes"] as? String ?? ""
        let entry = (material["tlogEntries"] as? [[String: Any]])?.first ?? [:]
        let logID = Data(base64Encoded: (entry["logId"] as? [String: Any])?["keyId"] as? String ?? "") ?? Data()
        let rekorBundle: [String: Any] = [
            "SignedEntryTimestamp": (entry["inclusionPromise"] as? [String: Any])?["signedEntryTimestamp"] ?? "",
            "Payload": ["body": entry["canonicalizedBody"] ?? "",
                        "integratedTime": Int(entry["integratedTime"] as? String ?? "") ?? 0,
                        "logIndex": Int(entry["logIndex"] as? String ?? "") ?? 0,
                        "logID": logID.map { String(format: "%02x", $0) }.joined()],
        ]
        let pem = "-----BEGIN CERTIFICATE-----\n" + certificate + "\n-----END CERTIFICATE-----\n"
        let annotations = [
            CosignSignature.signatureAnnotation: (bundle["messageSignature"] as? [String: Any])?["signature"]
                as? String ?? "",
            CosignSignature.certificateAnnotation: pem,
            CosignSignature.bundleAnnotation: String(decoding: try JSONSerialization.data(withJSONObject: rekorBundle),
                                                     as: UTF8.self),
        ]
        let artifact = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/a.txt")))
        return CosignSignature(mediaType: "text/plain", payload: payload ?? artifact, annotations: annotations,
                               source: "signature manifest")
    }

    static func productionRoot() throws -> TrustedRoot {
        try TrustedRoot(contentsOf: TestPaths.corpus("signing/sigstore-trust-roots/prod/trusted_root.json"))
    }

    @Test func keylessSignatureWithRekorBundleVerifies() throws {
        let result = try Self.signature().verify(policy: Self.policy, trustedRoot: try Self.productionRoot())
        #expect(result.integratedTimes.count == 1)
        #expect(result.issuer == "https://token.actions.githubusercontent.com")
    }

    @Test func keylessSignatureOverAnotherPayloadIsRejected() throws {
        let signature = try Self.signature(payload: Array("something else".utf8))
        #expect(throws: SigstoreError.self) {
            try signature.verify(policy: Self.policy, trustedRoot: try Self.productionRoot())
        }
    }

    @Test func embeddedProductionRootMatchesTheCorpusCopy() throws {
        let embedded = try TrustedRoot.production()
        let corpus = try Self.productionRoot()
        #expect(embedded.transparencyLogs.map(\.logID) == corpus.transparencyLogs.map(\.logID))
        #expect(embedded.certificateAuthorities.count == corpus.certificateAuthorities.count)
        let data = try Data(contentsOf: URL(fileURLWithPath: corpus.source))
        #expect(hexEncoded(HashAlgorithm.sha256.hash(Array(data))) == TrustedRoot.productionDigest)
    }
}

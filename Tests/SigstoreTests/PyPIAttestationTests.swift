import Crypto
import Foundation
import Sigstore
import Testing
import TestSupport

/// pypi-attestations' Sigstore bundles (`*.sigstore`), each beside the distribution it signs. The other files
/// there are PEP 740 attestation objects and provenance documents, not bundles.
@Suite(.enabled(if: TestPaths.hasCorpus("signing/pypi-attestations"), "needs shared/corpora/signing/pypi-attestations"))
struct PyPIAttestationTests {
    static let folder = "signing/pypi-attestations"

    struct Case: CustomTestStringConvertible, Sendable {
        let distribution: String
        let identity: String
        let issuer: String
        /// `prod` or `staging`: which Sigstore instance signed.
        let instance: String
        var testDescription: String { distribution }
    }

    static let cases = [
        // Signed by the release workflow of the project on GitHub Actions.
        Case(distribution: "pypi_attestation_models-0.0.4a2.tar.gz",
             identity: "https://github.com/trailofbits/pypi-attestation-models/.github/workflows/release.yml"
                + "@refs/tags/v0.0.4a2",
             issuer: "https://token.actions.githubusercontent.com", instance: "prod"),
        // Signed by a person logged in with GitHub, on Sigstore's staging instance.
        Case(distribution: "rfc8785-0.1.2-py3-none-any.whl", identity: "william@yossarian.net",
             issuer: "https://github.com/login/oauth", instance: "staging"),
    ]

    static func verify(_ testCase: Case, artifactName: String? = nil, identity: StringMatch? = nil) throws
        -> VerificationResult
    {
        let directory = TestPaths.corpus(folder) + "/"
        let artifactPath = directory + (artifactName ?? testCase.distribution)
        let artifact = Array(try Data(contentsOf: URL(fileURLWithPath: artifactPath)))
        let bundle = try SigstoreBundle(contentsOf: directory + testCase.distribution + ".sigstore")
        let rootPath = "signing/sigstore-trust-roots/\(testCase.instance)/trusted_root.json"
        let root = try TrustedRoot(contentsOf: TestPaths.corpus(rootPath))
        return try SigstoreVerifier.verify(
            bundle: bundle, artifact: .bytes(artifact),
            policy: .certificate(identity: identity ?? .exact(testCase.identity), issuer: .exact(testCase.issuer)),
            trustedRoot: root)
    }

    @Test(arguments: cases)
    func bundleVerifiesAgainstItsDistribution(_ testCase: Case) throws {
        let result = try Self.verify(testCase)
        #expect(result.identity == testCase.identity)
        #expect(result.issuer == testCase.issuer)
        #expect(result.statement?.subjects.first?.name == testCase.distribution)
        #expect(!result.integratedTimes.isEmpty)
    }

    @Test(arguments: cases)
    func bundleDoesNotVerifyAnotherDistribution(_ testCase: Case) {
        let other = Self.cases.first { $0.distribution != testCase.distribution }!.distribution
        #expect(throws: SigstoreError.self) { try Self.verify(testCase, artifactName: other) }
    }

    @Test(arguments: cases)
    func bundleDoesNotVerifyForAnotherIdentity(_ testCase: Case) {
        #expect(throws: SigstoreError.self) { try Self.verify(testCase, identity: .exact("someone@example.com")) }
    }
}

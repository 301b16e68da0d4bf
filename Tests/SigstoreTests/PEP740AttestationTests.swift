import Crypto
import Foundation
import Sigstore
import Testing
import TestSupport

/// pypi-attestations' PEP 740 attestation objects (`*.attestation`), each verified against the distribution
/// beside it with the identity its certificate carries.
@Suite(.enabled(if: TestPaths.hasCorpus("signing/pypi-attestations"), "needs shared/corpora/signing/pypi-attestations"))
struct PEP740AttestationTests {
    static let folder = "signing/pypi-attestations"

    struct Case: CustomTestStringConvertible, Sendable {
        let attestation: String
        let identity: String
        let issuer: String
        /// `prod` or `staging`: which Sigstore instance signed.
        let instance: String
        let predicateType: String
        var testDescription: String { attestation }
    }

    static let github = "https://token.actions.githubusercontent.com"
    static let publish = "https://docs.pypi.org/attestations/publish/v1"
    static let cases = [
        Case(attestation: "circleci_sign_publish_example-0.0.1.dev137-py3-none-any.whl.publish.attestation",
             identity: "https://circleci.com/api/v2/projects/fdd9283f-e619-46af-8f9c-851f7d3e8b2b/"
                + "pipeline-definitions/8e4f8ab2-8d7c-4827-9f15-de076d6d647f",
             issuer: "https://oidc.circleci.com", instance: "prod", predicateType: publish),
        Case(attestation: "gitlab_oidc_project-0.0.3.tar.gz.publish.attestation",
             identity: "https://gitlab.com/facutuesca/gitlab-oidc-project//.gitlab-ci.yml@refs/heads/main",
             issuer: "https://gitlab.com", instance: "prod", predicateType: publish),
        Case(attestation: "pypi_attestation_models-0.0.4a2.tar.gz.attestation",
             identity: "https://github.com/trailofbits/pypi-attestation-models/.github/workflows/release.yml"
                + "@refs/tags/v0.0.4a2",
             issuer: github, instance: "prod", predicateType: publish),
        Case(attestation: "pypi_attestations-0.0.19.tar.gz.publish.attestation",
             identity: "https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml"
                + "@refs/tags/v0.0.19",
             issuer: github, instance: "prod", predicateType: publish),
        Case(attestation: "pypi_attestations-0.0.19.tar.gz.slsa.attestation",
             identity: "https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml"
                + "@refs/tags/v0.0.19",
             issuer: github, instance: "prod", predicateType: "https://slsa.dev/provenance/v1"),
        Case(attestation: "rfc8785-0.1.2-py3-none-any.whl.attestation", identity: "william@yossarian.net",
             issuer: "https://github.com/login/oauth", instance: "staging", predicateType: publish),
        Case(attestation: "rfc8785-0.1.2-py3-none-any.whl.publish.attestation", identity: "william@yossarian.net",
             issuer: "https://github.com/login/oauth", instance: "staging", predicateType: publish),
    ]

    static func verify(_ testCase: Case) throws -> VerificationResult {
        let directory = TestPaths.corpus(folder) + "/"
        let name = testCase.attestation.replacingOccurrences(of: ".publish.attestation", with: "")
            .replacingOccurrences(of: ".slsa.attestation", with: "").replacingOccurrences(of: ".attestation", with: "")
        let artifact = Array(try Data(contentsOf: URL(fileURLWithPath: directory + name)))
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + testCase.attestation)))
        let bundle = try SigstoreBundle(pep740Attestation: bytes, source: testCase.attestation)
        let root = try TrustedRoot(contentsOf: TestPaths.corpus(
            "signing/sigstore-trust-roots/\(testCase.instance)/trusted_root.json"))
        return try SigstoreVerifier.verify(
            bundle: bundle, artifact: .bytes(artifact),
            policy: .certificate(identity: .exact(testCase.identity), issuer: .exact(testCase.issuer)),
            trustedRoot: root)
    }

    @Test(arguments: cases)
    func attestationVerifiesAgainstItsDistribution(_ testCase: Case) throws {
        let result = try Self.verify(testCase)
        #expect(result.identity == testCase.identity)
        #expect(result.predicateType == testCase.predicateType)
    }

    @Test func slsaAttestationIsSummarized() throws {
        let testCase = try #require(Self.cases.first { $0.attestation.hasSuffix(".slsa.attestation") })
        let statement = try #require(try Self.verify(testCase).statement)
        let slsa = try SLSAProvenance(statement: statement, source: testCase.attestation)
        #expect(slsa.version == .v1)
        #expect(slsa.sourceRepository == "git+https://github.com/trailofbits/pypi-attestations")
        #expect(slsa.sourceRef == "refs/tags/v0.0.19")
        #expect(slsa.sourceCommit?.count == 40)
    }

    @Test func attestationOfAnotherVersionIsRefused() throws {
        let text = #"{"version":2,"verification_material":{},"envelope":{}}"#
        #expect(throws: SigstoreError.self) {
            try SigstoreBundle(pep740Attestation: Array(text.utf8), source: "v2.attestation")
        }
    }
}

import Crypto
import Foundation
import Sigstore
import Testing
import TestSupport

/// slsa-verifier's regression rows for the container-based GitHub builder, whose provenance is a Sigstore
/// bundle that verifies offline. The checks are slsa-verifier's, in its order: a trusted builder signed
/// (certificate identity), the builder ID asked for, the source repository, then branch or tag.
@Suite(.enabled(if: TestPaths.hasCorpus("signing/slsa-verifier"), "needs shared/corpora/signing/slsa-verifier"))
struct SLSAVerifierTests {
    static let folder = "signing/slsa-verifier"
    static let trustedBuilder = #"https://github\.com/slsa-framework/slsa-github-generator/\.github/workflows/"#
        + #"builder_container-based_slsa3\.yml@refs/tags/v[0-9]+\.[0-9]+\.[0-9]+(-rc\.[0-9]+)?"#

    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let version: String
        let source: String
        let artifact: String
        let builderID: String?
        let branch: String?
        let tag: String?
        let expect: String
        var testDescription: String { "\(name) @ \(version)" }
    }

    /// The container-based rows, once per builder version folder; read when tests are collected.
    static func rows() -> [Row] {
        let root = TestPaths.corpus(folder)
        guard let data = FileManager.default.contents(atPath: root + "/EXPECTATIONS.json"),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = json["cases"] as? [[String: Any]] else { return [] }
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/gha_container-based")) ?? [])
            .sorted()
        func unquote(_ value: Any?) -> String? { (value as? String)?.trimmingCharacters(in: ["\""]) }
        return cases.filter { $0["test"] as? String == "Test_runVerifyGHAContainerBased" }.flatMap { row in
            versions.map { version in
                Row(name: row["name"] as? String ?? "", version: version, source: row["source"] as? String ?? "",
                    artifact: (row["artifacts"] as? [String])?.first ?? "", builderID: unquote(row["pBuilderID"]),
                    branch: unquote(row["pbranch"]), tag: unquote(row["ptag"]) ?? unquote(row["pversiontag"]),
                    expect: row["expect"] as? String ?? "")
            }
        }
    }

    /// Runs slsa-verifier's checks; returns "success" or the serrors name of the first failure.
    static func outcome(_ row: Row) throws -> (String, SLSAProvenance?) {
        let directory = TestPaths.corpus(folder) + "/gha_container-based/" + row.version + "/"
        let artifact = Array(try Data(contentsOf: URL(fileURLWithPath: directory + row.artifact)))
        let provenance = try [".intoto.build.slsa", ".intoto.sigstore", ".intoto.jsonl"]
            .map { directory + row.artifact + $0 }
            .first { FileManager.default.fileExists(atPath: $0) }
            .map { try SigstoreBundle(contentsOf: $0) }
        let bundle = try #require(provenance, "no provenance bundle for \(row.artifact) in \(row.version)")
        let root = try TrustedRoot(contentsOf: TestPaths.corpus("signing/sigstore-trust-roots/prod/trusted_root.json"))
        let result: VerificationResult
        do {
            result = try SigstoreVerifier.verify(
                bundle: bundle, artifact: .bytes(artifact),
                policy: .certificate(identity: .regex(trustedBuilder),
                                     issuer: .exact("https://token.actions.githubusercontent.com")),
                trustedRoot: root)
        } catch {
            if Self.isIdentityMismatch(error) { return ("serrors.ErrorUntrustedReusableWorkflow", nil) }
            throw error
        }
        let statement = try #require(result.statement)
        let slsa = try SLSAProvenance(statement: statement, source: bundle.source)
        let builder = String(slsa.builderID.split(separator: "@").first ?? "")
        if let expected = row.builderID, expected != builder { return ("serrors.ErrorUntrustedReusableWorkflow", slsa) }
        guard slsa.sourceRepository == "git+https://" + row.source else { return ("serrors.ErrorMismatchSource", slsa) }
        let ref = slsa.sourceRef ?? ""
        if let branch = row.branch {
            guard ref.hasPrefix("refs/heads/") else { return ("serrors.ErrorInvalidRef", slsa) }
            guard ref == "refs/heads/" + branch else { return ("serrors.ErrorMismatchBranch", slsa) }
        }
        if let tag = row.tag {
            guard ref.hasPrefix("refs/tags/") else { return ("serrors.ErrorInvalidRef", slsa) }
            guard ref == "refs/tags/" + tag else { return ("serrors.ErrorMismatchTag", slsa) }
        }
        return ("success", slsa)
    }

    static func isIdentityMismatch(_ error: any Error) -> Bool {
        if case .identityMismatch = error as? SigstoreError { return true }
        return false
    }

    @Test(arguments: rows())
    func provenanceOutcomeMatchesSLSAVerifier(_ row: Row) throws {
        let (outcome, slsa) = try Self.outcome(row)
        #expect(outcome == row.expect)
        if outcome == "success", let slsa {
            #expect(slsa.version == .v1)
            #expect(slsa.builderID.hasSuffix("@refs/tags/" + row.version))
            #expect(slsa.buildType == "https://slsa.dev/container-based-build/v0.1?draft")
            #expect(slsa.sourceCommit?.count == 40)
        }
    }

    @Test func provenanceV02IsSummarized() throws {
        let file = TestPaths.corpus(Self.folder)
            + "/gha_generic/v2.1.0/binary-linux-amd64-workflow_dispatch.intoto.jsonl"
        let bundle = try SigstoreBundle(contentsOf: file)
        guard case .dsseEnvelope(let envelope) = bundle.content else {
            Issue.record("expected a DSSE bundle")
            return
        }
        let slsa = try SLSAProvenance(statement: try InTotoStatement(json: envelope.payload, source: file),
                                      source: file)
        #expect(slsa.version == .v0_2)
        #expect(slsa.builderID == "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
                + "generator_generic_slsa3.yml@refs/tags/v2.1.0")
        #expect(slsa.buildType == "https://github.com/slsa-framework/slsa-github-generator/generic@v1")
        #expect(slsa.sourceRepository == "git+https://github.com/slsa-framework/example-package")
        #expect(slsa.sourceRef == "refs/heads/main")
        #expect(slsa.sourceCommit == "4d329c75e7ec1725f7c9ce917a8799d408d06be3")
    }

    /// slsa-verifier's `verify-github-attestation` rows for bazel-contrib's publishing workflow. The expected
    /// builder ID is the one slsa-verifier's regression test passes (EXPECTATIONS.json keeps only the row
    /// names): `publish-to-bcr`'s reusable workflow. Without a builder ID the command refuses, as slsa-verifier
    /// does. The two `rules_lint-v1.3.1.tar.gz` rows are not here: the corpus does not hold that archive.
    static let githubAttestationRows: [(name: String, artifact: String, builder: String?, expect: String)] = [
        ("module.bazel using publishing builder", "MODULE.bazel", publishToBCR, "success"),
        ("module.bazel wrong signer", "MODULE-wrong-signer.bazel", publishToBCR,
         "serrors.ErrorUntrustedReusableWorkflow"),
        ("module.bazel no builder id", "MODULE.bazel", nil, "serrors.ErrorUntrustedReusableWorkflow"),
    ]
    static let publishToBCR = "https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml"

    @Test(arguments: githubAttestationRows.map(\.name))
    func githubAttestationOutcomeMatchesSLSAVerifier(_ name: String) throws {
        let row = try #require(Self.githubAttestationRows.first { $0.name == name })
        let directory = TestPaths.corpus(Self.folder) + "/bcr/"
        let artifact = Array(try Data(contentsOf: URL(fileURLWithPath: directory + row.artifact)))
        let bundle = try SigstoreBundle(contentsOf: directory + row.artifact + ".intoto.jsonl")
        let root = try TrustedRoot(contentsOf: TestPaths.corpus("signing/sigstore-trust-roots/prod/trusted_root.json"))
        var outcome = "serrors.ErrorUntrustedReusableWorkflow"
        if let builder = row.builder {
            let identity = NSRegularExpression.escapedPattern(for: builder) + "@refs/tags/v[0-9]+(\\.[0-9]+)*"
            do {
                let result = try SigstoreVerifier.verify(
                    bundle: bundle, artifact: .bytes(artifact),
                    policy: .certificate(identity: .regex(identity),
                                         issuer: .exact("https://token.actions.githubusercontent.com")),
                    trustedRoot: root)
                let slsa = try SLSAProvenance(statement: try #require(result.statement), source: bundle.source)
                outcome = slsa.sourceRepository == "git+https://github.com/aspect-build/rules_lint"
                    ? "success" : "serrors.ErrorMismatchSource"
            } catch {
                if !Self.isIdentityMismatch(error) { throw error }
            }
        }
        #expect(outcome == row.expect)
    }
}

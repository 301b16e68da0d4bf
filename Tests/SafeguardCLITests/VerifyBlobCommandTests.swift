import Foundation
import SafeguardCLI
import Testing
import TestSupport

/// `safeguard verify-blob`'s exit statuses on the Sigstore conformance bundles.
@Suite(.enabled(if: TestPaths.hasCorpus("signing/sigstore-conformance/bundle-verify"),
                "needs shared/corpora/signing/sigstore-conformance/bundle-verify"))
struct VerifyBlobCommandTests {
    static let cases = TestPaths.corpus("signing/sigstore-conformance/bundle-verify")
    static let artifact = cases + "/a.txt"
    static let identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
        + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"
    static let issuer = "https://token.actions.githubusercontent.com"

    static func run(_ bundle: String, _ extra: [String]) -> ExitCode {
        Command.main(["verify-blob", artifact, "--bundle", cases + "/" + bundle + "/bundle.sigstore.json", "-q"]
                     + extra)
    }

    @Test func verifiedBundleExitsZeroWithTheBuiltInProductionRoot() {
        #expect(Self.run("happy-path-v0.3", ["--certificate-identity", Self.identity,
                                             "--certificate-oidc-issuer", Self.issuer]) == .success)
    }

    @Test func identityRegexMustMatchTheWholeIdentity() {
        #expect(Self.run("happy-path-v0.3", ["--certificate-identity-regexp",
                                             "https://github.com/sigstore-conformance/.*",
                                             "--certificate-oidc-issuer-regexp", "https://token\\..*"]) == .success)
        #expect(Self.run("happy-path-v0.3", ["--certificate-identity-regexp", "sigstore-conformance",
                                             "--certificate-oidc-issuer", Self.issuer]) == .findings)
    }

    @Test func keyBundleVerifiesWithTheKey() {
        #expect(Self.run("managed-key-happy-path", ["--key", Self.cases + "/managed-key-happy-path/key.pub"])
                == .success)
    }

    @Test func unverifiedBundleExitsOne() {
        #expect(Self.run("signature-mismatch_fail", ["--certificate-identity", Self.identity,
                                                     "--certificate-oidc-issuer", Self.issuer]) == .findings)
        #expect(Self.run("happy-path-v0.3", ["--certificate-identity", "someone@example.com",
                                             "--certificate-oidc-issuer", Self.issuer]) == .findings)
    }

    @Test func customTrustedRootIsUsed() {
        let root = Self.cases + "/rekor2-happy-path/trusted_root.json"
        #expect(Self.run("rekor2-happy-path", ["--certificate-identity", Self.identity, "--certificate-oidc-issuer",
                                               Self.issuer, "--trusted-root", root]) == .success)
        // The production root does not know the staging Rekor v2 log.
        #expect(Self.run("rekor2-happy-path", ["--certificate-identity", Self.identity,
                                               "--certificate-oidc-issuer", Self.issuer]) == .findings)
    }

    /// Calls that are usage or input errors, each with why.
    static let usageErrors: [[String]] = [
        [],  // no policy at all: nothing passes by default
        ["--key", cases + "/managed-key-happy-path/key.pub", "--certificate-identity", identity],  // both kinds
        ["--certificate-identity", identity],  // identity without issuer
        ["--certificate-identity", identity, "--certificate-identity-regexp", ".*",
         "--certificate-oidc-issuer", issuer],  // exact and regex together
        ["--certificate-identity-regexp", "(", "--certificate-oidc-issuer", issuer],  // invalid regex
        ["--key", "/nonexistent/key.pub"],  // unreadable key
        ["--key", cases + "/managed-key-happy-path/key.pub", "--trusted-root", "/nonexistent/root.json"],
        ["--key", cases + "/managed-key-happy-path/key.pub", "--format", "yaml"],  // unknown format
    ]

    @Test(arguments: usageErrors)
    func usageAndInputErrorsExitTwo(_ extra: [String]) {
        #expect(Self.run("managed-key-happy-path", extra) == .error)
    }

    @Test func missingBundleOptionExitsTwo() {
        #expect(Command.main(["verify-blob", Self.artifact, "--key", Self.cases + "/managed-key-happy-path/key.pub"])
                == .error)
    }
}

import Crypto
import Foundation
import Sigstore
import TestSupport
import Testing

/// The sigstore-conformance `bundle-verify` cases, read with the rules of that folder's README.
struct ConformanceCase: CustomTestStringConvertible, Sendable {
    static let folder = "signing/sigstore-conformance/bundle-verify"
    static let productionRoot = "signing/sigstore-trust-roots/prod/trusted_root.json"
    static let defaultIdentity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
        + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"
    static let defaultIssuer = "https://token.actions.githubusercontent.com"

    let name: String
    var path: String { TestPaths.corpus(Self.folder) + "/" + name }
    var expectsFailure: Bool { name.hasSuffix("_fail") }
    var testDescription: String { name }

    /// Every case folder, read when the tests are collected; none when the corpus is missing.
    static func all() -> [ConformanceCase] {
        let root = TestPaths.corpus(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.map(ConformanceCase.init(name:))
    }

    private func optionalText(_ file: String) -> String? {
        (try? String(contentsOfFile: path + "/" + file, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs the verification the README describes for this case.
    func verify() throws -> VerificationResult {
        let artifactPath = FileManager.default.fileExists(atPath: path + "/artifact")
            ? path + "/artifact" : TestPaths.corpus(Self.folder) + "/a.txt"
        let artifact = Array(try Data(contentsOf: URL(fileURLWithPath: artifactPath)))
        let rootPath = FileManager.default.fileExists(atPath: path + "/trusted_root.json")
            ? path + "/trusted_root.json" : TestPaths.corpus(Self.productionRoot)
        let trustedRoot = try TrustedRoot(contentsOf: rootPath)
        let policy: VerificationPolicy
        if let pem = optionalText("key.pub") {
            policy = .publicKey(try PublicKey(pem: pem, source: path + "/key.pub"))
        } else {
            policy = .certificate(identity: .exact(optionalText("identity") ?? Self.defaultIdentity),
                                  issuer: .exact(optionalText("issuer") ?? Self.defaultIssuer))
        }
        let bundle = try SigstoreBundle(contentsOf: path + "/bundle.sigstore.json")
        return try SigstoreVerifier.verify(bundle: bundle, artifact: .bytes(artifact), policy: policy,
                                           trustedRoot: trustedRoot)
    }
}

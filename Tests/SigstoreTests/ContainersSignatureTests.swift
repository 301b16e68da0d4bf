import Crypto
import Foundation
import ImageModel
import Sigstore
import Testing
import TestSupport

/// containers/image's cosign test images: a `dir:` layout with `manifest.json` and `signature-N` files.
@Suite(.enabled(if: TestPaths.hasCorpus("signing/containers-image-signature"),
                "needs shared/corpora/signing/containers-image-signature"))
struct ContainersSignatureTests {
    static let folder = "signing/containers-image-signature"

    static func path(_ name: String) -> String { TestPaths.corpus(folder) + "/" + name }

    static func key() throws -> PublicKey {
        try PublicKey(pem: String(contentsOfFile: path("cosign.pub"), encoding: .utf8), source: "cosign.pub")
    }

    static func signatures(in directory: String) throws -> [CosignSignature] {
        let names = try FileManager.default.contentsOfDirectory(atPath: path(directory))
            .filter { $0.hasPrefix("signature-") }.sorted()
        return try names.map { name in
            let file = path(directory + "/" + name)
            return try CosignSignature(containersImageSerialized: Array(Data(contentsOf: URL(fileURLWithPath: file))),
                                       source: file)
        }
    }

    static func verify(_ directory: String) throws -> [SimpleSigningPayload] {
        let manifest = Array(try Data(contentsOf: URL(fileURLWithPath: path(directory + "/manifest.json"))))
        let digest = "sha256:" + hexEncoded(HashAlgorithm.sha256.hash(manifest))
        return try CosignSignature.verifyImage(try signatures(in: directory), key: try key(), manifestDigest: digest)
    }

    @Test(arguments: ["dir-img-cosign-valid", "dir-img-cosign-valid-2", "dir-img-cosign-valid-with-tag"])
    func validImagesVerifyWithTheCosignKey(_ directory: String) throws {
        let payloads = try Self.verify(directory)
        #expect(!payloads.isEmpty)
        #expect(payloads.allSatisfy { $0.type == "cosign container image signature" })
    }

    @Test func optionalFieldsAreRead() throws {
        let payload = try #require(try Self.verify("dir-img-cosign-valid-with-tag").first)
        #expect(payload.dockerReference == "192.168.64.2:5000/skopeo-signed:tag")
        #expect(payload.creator == "containers/image 5.21.2-dev")
        #expect(payload.timestamp == 1_657_296_609)
    }

    @Test func referenceIsCheckedWhenExpected() throws {
        let signature = try #require(try Self.signatures(in: "dir-img-cosign-valid").first)
        let digest = "sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00"
        _ = try signature.verifyImageSignature(key: try Self.key(), manifestDigest: digest,
                                               reference: "192.168.64.2:5000/cosign-signed-single-sample")
        #expect(throws: SigstoreError.self) {
            try signature.verifyImageSignature(key: try Self.key(), manifestDigest: digest,
                                               reference: "192.168.64.2:5000/other")
        }
    }

    /// Each failing image, and the kind of error its name promises.
    static let failingImages: [(String, @Sendable (SigstoreError) -> Bool)] = [
        // The manifest was changed after signing: its digest is not the signed one.
        ("dir-img-cosign-modified-manifest", { if case .payloadMismatch = $0 { true } else { false } }),
        // The signed digest does not match the stored manifest.
        ("dir-img-cosign-manifest-digest-error", { if case .payloadMismatch = $0 { true } else { false } }),
        // One good signature and one that does not verify with the key.
        ("dir-img-cosign-mixed", { if case .signatureMismatch = $0 { true } else { false } }),
        // An attachment that is not a simple-signing payload, whatever its annotations say.
        ("dir-img-cosign-other-attachment", { if case .payloadMismatch = $0 { true } else { false } }),
    ]

    @Test(arguments: failingImages.map(\.0))
    func tamperedImagesAreRejectedForTheirReason(_ directory: String) throws {
        let expected = try #require(Self.failingImages.first { $0.0 == directory }?.1)
        let error = #expect(throws: SigstoreError.self) { try Self.verify(directory) }
        if let error { #expect(expected(error), "\(directory): \(error)") }
    }

    @Test func imageWithoutManifestCannotBeChecked() {
        #expect(!FileManager.default.fileExists(atPath: Self.path("dir-img-cosign-no-manifest/manifest.json")))
        #expect(throws: (any Error).self) { try Self.verify("dir-img-cosign-no-manifest") }
    }

    @Test func signatureByAnotherKeyIsRejected() throws {
        let file = Self.path("unknown-cosign-key.signature")
        let signature = try CosignSignature(
            containersImageSerialized: Array(Data(contentsOf: URL(fileURLWithPath: file))), source: file)
        let digest = "sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00"
        let error = #expect(throws: SigstoreError.self) {
            try signature.verifyImageSignature(key: try Self.key(), manifestDigest: digest)
        }
        if case .signatureMismatch = error {} else {
            Issue.record("expected a signature mismatch, got \(String(describing: error))")
        }
    }
}

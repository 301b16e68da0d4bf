import Crypto
import Foundation
import Sigstore
import Testing
import TestSupport

/// Bundles, roots and payloads that must be refused, each with why. Built from the v0.3 happy path with one
/// field changed, so that each case isolates one defect.
@Suite(.enabled(if: TestPaths.hasCorpus("signing/sigstore-conformance/bundle-verify"),
                "needs shared/corpora/signing/sigstore-conformance/bundle-verify"))
struct HostileBundleTests {
    static let folder = TestPaths.corpus("signing/sigstore-conformance/bundle-verify")

    static func happyPath() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/happy-path-v0.3/bundle.sigstore.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func bytes(_ object: [String: Any]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object))
    }

    /// Edits to the happy-path bundle that make it unreadable, and the reason each is hostile.
    static let malformed: [(String, @Sendable (inout [String: Any]) -> Void)] = [
        // A media type nobody specified must not be read as the nearest known version.
        ("unknown media type", { $0["mediaType"] = "application/vnd.dev.sigstore.bundle+json;version=9.9" }),
        // The leaf certificate's bytes are not DER.
        ("certificate that does not parse", {
            $0["verificationMaterial"] = ["certificate": ["rawBytes": "aGVsbG8gd29ybGQ="],
                                          "tlogEntries": ($0["verificationMaterial"] as? [String: Any])?["tlogEntries"]
                                              ?? []]
        }),
        // A chain whose certificate is not DER.
        ("certificate chain that does not parse", {
            $0["verificationMaterial"] = ["x509CertificateChain": ["certificates": [["rawBytes": "MIIBAAAA"]]],
                                          "tlogEntries": [Any]()]
        }),
        // A chain with no certificates leaves nothing to verify.
        ("empty certificate chain", {
            $0["verificationMaterial"] = ["x509CertificateChain": ["certificates": [Any]()], "tlogEntries": [Any]()]
        }),
        // Base64 cut in the middle of a group.
        ("truncated base64 signature", {
            $0["messageSignature"] = ["signature": "MEUCIQCACfhpIX3+zVXJjwEeIS0yFTK2jRfBjduXAaLH"
                                      + "JSARHAIgSUdTM+S5xucODRFtrGHN2uClS0MRPhqZm76g0ZHEQ5"]
        }),
        // Both content kinds: which one was verified would be ambiguous.
        ("message signature and DSSE envelope together", {
            $0["dsseEnvelope"] = ["payload": "e30=", "payloadType": "application/vnd.in-toto+json",
                                  "signatures": [["sig": "MEUC"]]]
        }),
        // No content at all.
        ("no content", { $0["messageSignature"] = nil }),
        // A negative log index is not a position in any log.
        ("negative log index", {
            var material = $0["verificationMaterial"] as? [String: Any] ?? [:]
            var entries = material["tlogEntries"] as? [[String: Any]] ?? []
            entries[0]["logIndex"] = "-1"
            material["tlogEntries"] = entries
            $0["verificationMaterial"] = material
        }),
        // A boolean is not an index, though Foundation hands both over as NSNumber.
        ("boolean log index", {
            var material = $0["verificationMaterial"] as? [String: Any] ?? [:]
            var entries = material["tlogEntries"] as? [[String: Any]] ?? []
            entries[0]["logIndex"] = true
            material["tlogEntries"] = entries
            $0["verificationMaterial"] = material
        }),
    ]

    @Test(arguments: malformed.map(\.0))
    func malformedBundlesAreRefused(_ name: String) throws {
        var object = try Self.happyPath()
        Self.malformed.first { $0.0 == name }!.1(&object)
        #expect(throws: SigstoreError.self) { try SigstoreBundle(json: try Self.bytes(object), source: name) }
    }

    @Test func unknownMediaTypeIsNamedInTheError() throws {
        var object = try Self.happyPath()
        object["mediaType"] = "application/json"
        #expect(throws: SigstoreError.unknownMediaType(source: "b.json", mediaType: "application/json")) {
            try SigstoreBundle(json: try Self.bytes(object), source: "b.json")
        }
    }

    @Test func oversizedAndDeeplyNestedDocumentsAreRefusedBeforeParsing() {
        let huge = [UInt8](repeating: 0x20, count: SigstoreLimits.maxDocumentSize + 1)
        #expect(throws: SigstoreError.documentTooLarge(source: "huge", size: huge.count,
                                                       limit: SigstoreLimits.maxDocumentSize)) {
            try SigstoreBundle(json: huge, source: "huge")
        }
        let deep = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(throws: SigstoreError.tooDeep(source: "deep", limit: SigstoreLimits.maxDepth)) {
            try SigstoreBundle(json: deep, source: "deep")
        }
    }

    @Test func dssePayloadThatIsNotJSONIsRefused() throws {
        let privateKey = try PrivateKey(pem: try Shell.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                                                            "ec_paramgen_curve:P-256"]).stdout, source: "key")
        let payload = Array("not json {".utf8)
        let envelope = DSSEEnvelope.pae(type: DSSEEnvelope.inTotoPayloadType, payload: payload)
        let signature = try privateKey.sign(envelope)
        let bundle: [String: Any] = [
            "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
            "verificationMaterial": ["publicKey": ["hint": "k"], "tlogEntries": [Any]()],
            "dsseEnvelope": ["payload": Data(payload).base64EncodedString(),
                             "payloadType": DSSEEnvelope.inTotoPayloadType,
                             "signatures": [["sig": Data(signature).base64EncodedString(), "keyid": ""]]],
        ]
        let parsed = try SigstoreBundle(json: try Self.bytes(bundle), source: "dsse.json")
        let root = try TrustedRoot(contentsOf: TestPaths.corpus("signing/sigstore-trust-roots/prod/trusted_root.json"))
        #expect {
            try SigstoreVerifier.verify(bundle: parsed, artifact: .bytes([]), policy: .publicKey(privateKey.publicKey),
                                        trustedRoot: root)
        } throws: { error in
            if case .notJSON(let source, _) = error as? SigstoreError { return source.hasPrefix("dsse.json") }
            return false
        }
    }

    @Test func wrongKeyTypeDoesNotVerifyAnECDSABundle() throws {
        let ed25519 = try PublicKey(pem: try Shell.run(["openssl", "pkey", "-pubout"], input: Array(try Shell.run(
            ["openssl", "genpkey", "-algorithm", "ED25519"]).standardOutput)).stdout, source: "ed25519")
        let bundle = try SigstoreBundle(contentsOf: Self.folder + "/managed-key-happy-path/bundle.sigstore.json")
        let root = try TrustedRoot(contentsOf: TestPaths.corpus("signing/sigstore-trust-roots/prod/trusted_root.json"))
        let artifact = Array(try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/a.txt")))
        #expect {
            try SigstoreVerifier.verify(bundle: bundle, artifact: .bytes(artifact), policy: .publicKey(ed25519),
                                        trustedRoot: root)
        } throws: { error in
            if case .signatureMismatch = error as? SigstoreError { return true }
            return false
        }
    }

    @Test func nothingVerifiesWithoutAPolicyOrTrustedLogs() throws {
        let bundle = try SigstoreBundle(contentsOf: Self.folder + "/happy-path-v0.3/bundle.sigstore.json")
        let root = try TrustedRoot(contentsOf: TestPaths.corpus("signing/sigstore-trust-roots/prod/trusted_root.json"))
        let artifact = Array(try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/a.txt")))
        #expect {
            try SigstoreVerifier.verify(bundle: bundle, artifact: .bytes(artifact), policy: .init(signer: nil),
                                        trustedRoot: root)
        } throws: { error in
            if case .noPolicy = error as? SigstoreError { return true }
            return false
        }
        let emptyRoot = #"{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}"#
        let empty = try TrustedRoot(json: Array(emptyRoot.utf8), source: "empty.json")
        #expect {
            try SigstoreVerifier.verify(bundle: bundle, artifact: .bytes(artifact),
                                        policy: .certificate(identity: .regex(".*"), issuer: .regex(".*")),
                                        trustedRoot: empty)
        } throws: { error in
            if case .noPolicy = error as? SigstoreError { return true }
            return false
        }
    }
}

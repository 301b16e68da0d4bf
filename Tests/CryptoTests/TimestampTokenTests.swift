import Crypto
import Foundation
import Testing
import TestSupport

@Suite(.enabled(if: TestPaths.hasCorpus("signing/sigstore-conformance/bundle-verify"),
                "needs shared/corpora/signing/sigstore-conformance/bundle-verify"))
struct TimestampTokenTests {
    static let folder = TestPaths.corpus("signing/sigstore-conformance/bundle-verify")

    static func material() throws -> (token: [UInt8], signature: [UInt8], chain: [Certificate]) {
        let bundle = try SigstoreMaterial.json("rekor2-happy-path/bundle.sigstore.json")
        let material = bundle["verificationMaterial"] as? [String: Any]
        let timestamps = (material?["timestampVerificationData"] as? [String: Any])?["rfc3161Timestamps"]
            as? [[String: Any]]
        let token = SigstoreMaterial.base64(timestamps?.first?["signedTimestamp"])
        let signature = SigstoreMaterial.base64((bundle["messageSignature"] as? [String: Any])?["signature"])
        let chain = try SigstoreMaterial.chains(folder + "/rekor2-happy-path/trusted_root.json",
                                                "timestampAuthorities").first ?? []
        return (token, signature, try chain.map { try Certificate(der: $0, source: "tsa") })
    }

    @Test func tokenOverTheSignatureVerifiesAndGivesItsTime() throws {
        let (token, signature, chain) = try Self.material()
        let time = try TimestampToken.verify(response: token, data: signature, chain: chain, source: "token")
        #expect(ISO8601DateFormatter().string(from: time) == "2025-06-12T12:02:20Z")
    }

    @Test func tokenOverOtherBytesIsRefused() throws {
        let (token, signature, chain) = try Self.material()
        #expect(throws: CryptoError.self) {
            try TimestampToken.verify(response: token, data: signature + [0], chain: chain, source: "token")
        }
    }

    @Test func tokenFromAnUntrustedAuthorityIsRefused() throws {
        let (token, signature, _) = try Self.material()
        let fulcio = try SigstoreMaterial.chains(SigstoreMaterial.productionRoot, "certificateAuthorities")
        let other = try (fulcio.last ?? []).map { try Certificate(der: $0, source: "fulcio") }
        #expect(throws: CryptoError.self) {
            try TimestampToken.verify(response: token, data: signature, chain: other, source: "token")
        }
    }

    /// Tokens that must not parse or verify.
    static let hostileTokens: [(String, [UInt8])] = [
        ("empty", []),
        ("one byte", [0x30]),
        ("a SEQUENCE claiming more bytes than follow", [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00]),
        ("status rejection without a token", [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02]),
        ("larger than any real response", [UInt8](repeating: 0x30, count: CryptoLimits.maxTimestampSize + 1)),
    ]

    @Test(arguments: hostileTokens.map(\.0))
    func malformedTokensAreRefused(_ name: String) throws {
        let token = Self.hostileTokens.first { $0.0 == name }!.1
        let (_, signature, chain) = try Self.material()
        #expect(throws: CryptoError.self) {
            try TimestampToken.verify(response: token, data: signature, chain: chain, source: name)
        }
    }
}

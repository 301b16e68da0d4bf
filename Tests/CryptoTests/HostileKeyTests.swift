import Crypto
import Foundation
import Testing
import TestSupport

/// Keys and PEM that must be refused, with the kind of error each should produce.
@Suite struct HostileKeyTests {
    /// Keys of a kind no Sigstore verifier should trust.
    @Test(arguments: [
        "rsa1024",  // too short to resist factoring by a determined attacker
        "x25519",  // a key-agreement key, not a signing key
        "secp256k1",  // a curve outside the set Sigstore and cosign sign with
    ])
    func wrongKeyTypesAreRefused(_ algorithm: String) throws {
        let pem = try KeyFixtures.make(algorithm).publicKey
        #expect {
            try PublicKey(pem: pem, source: algorithm)
        } throws: { error in
            if case .unsupportedKey(let source, _) = error as? CryptoError { return source == algorithm }
            return false
        }
    }

    static let malformedPEM: [(String, String)] = [
        ("no block at all", "hello"),
        ("a block that never ends", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n"),
        ("BEGIN and END labels differ", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END CERTIFICATE-----\n"),
        ("base64 truncated mid-group", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQg\n"
            + "-----END PUBLIC KEY-----\n"),
        ("valid base64 that is not DER", "-----BEGIN PUBLIC KEY-----\naGVsbG8gd29ybGQ=\n-----END PUBLIC KEY-----\n"),
        ("a certificate where a key is expected", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
    ]

    @Test(arguments: malformedPEM.map(\.0))
    func malformedPublicKeyPEMIsRefused(_ name: String) {
        let pem = Self.malformedPEM.first { $0.0 == name }!.1
        #expect(throws: CryptoError.self) { try PublicKey(pem: pem, source: name) }
    }

    @Test func oversizedDERIsRefusedBeforeParsing() {
        let huge = [UInt8](repeating: 0x30, count: CryptoLimits.maxDERSize + 1)
        #expect(throws: CryptoError.inputTooLarge(source: "huge", size: huge.count, limit: CryptoLimits.maxDERSize)) {
            try PublicKey(der: huge, source: "huge")
        }
        #expect(throws: CryptoError.self) { try Certificate(der: huge, source: "huge") }
    }

    @Test func oversizedPEMIsRefused() {
        let text = String(repeating: "A", count: CryptoLimits.maxPEMSize + 1)
        #expect(throws: CryptoError.self) { try PEM.blocks(in: text, source: "big") }
    }

    @Test func encryptedPrivateKeyIsRefusedWithTheReason() throws {
        let pem = try KeyFixtures.make("p256").privateKey
        let encrypted = try Shell.run(["openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:secret"],
                                      input: Array(pem.utf8)).stdout
        #expect {
            try PrivateKey(pem: encrypted, source: "encrypted.pem")
        } throws: { error in
            if case .unsupportedKey = error as? CryptoError { return true }
            return false
        }
    }

    @Test func emptyAndOversizedSignaturesNeverVerify() throws {
        let key = try PublicKey(pem: try KeyFixtures.make("p256").publicKey, source: "p256")
        #expect(!key.isValidSignature([], over: [1]))
        #expect(!key.isValidSignature([UInt8](repeating: 0x30, count: CryptoLimits.maxSignatureSize + 1), over: [1]))
    }
}

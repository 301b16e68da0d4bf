import Crypto
import Foundation
import Testing
import TestSupport

@Suite struct SignatureTests {
    static let message = Array("the artifact".utf8)

    @Test(arguments: ["p256", "p384", "ed25519", "rsa2048"])
    func signatureMadeWithAPKCS8KeyVerifiesWithItsPublicKey(_ algorithm: String) throws {
        let pair = try KeyFixtures.make(algorithm)
        let privateKey = try PrivateKey(pem: pair.privateKey, source: algorithm)
        let publicKey = try PublicKey(pem: pair.publicKey, source: algorithm)
        let signature = try privateKey.sign(Self.message)
        #expect(publicKey.isValidSignature(signature, over: Self.message))
        #expect(privateKey.publicKey.isSameKey(as: publicKey))
        #expect(!publicKey.isValidSignature(signature, over: Self.message + [0]))
        var flipped = signature
        flipped[flipped.count / 2] ^= 1
        #expect(!publicKey.isValidSignature(flipped, over: Self.message))
    }

    @Test(arguments: ["p256", "p384", "ed25519"])
    func keyKindsAreRecognized(_ algorithm: String) throws {
        let key = try PublicKey(pem: try KeyFixtures.make(algorithm).publicKey, source: algorithm)
        let expected: [String: PublicKey.Kind] = ["p256": .ecdsaP256, "p384": .ecdsaP384, "ed25519": .ed25519]
        #expect(key.kind == expected[algorithm])
    }

    @Test func signatureByAnotherKeyDoesNotVerify() throws {
        let signer = try PrivateKey(pem: try KeyFixtures.make("p256").privateKey, source: "signer")
        let other = try PublicKey(pem: try KeyFixtures.make("p256").publicKey, source: "other")
        #expect(!other.isValidSignature(try signer.sign(Self.message), over: Self.message))
        #expect(throws: CryptoError.signatureInvalid(subject: "the artifact")) {
            try other.verify(try signer.sign(Self.message), over: Self.message, subject: "the artifact")
        }
    }

    @Test func ecdsaSignatureVerifiesOverThePrecomputedDigest() throws {
        let pair = try KeyFixtures.make("p256")
        let signature = try PrivateKey(pem: pair.privateKey, source: "p256").sign(Self.message)
        let key = try PublicKey(pem: pair.publicKey, source: "p256")
        #expect(key.isValidSignature(signature, overDigest: HashAlgorithm.sha256.hash(Self.message), hash: .sha256))
        #expect(!key.isValidSignature(signature, overDigest: HashAlgorithm.sha256.hash([1]), hash: .sha256))
    }

    @Test func rsaPSSAndPKCS1SignaturesFromOpenSSLVerify() throws {
        let pair = try KeyFixtures.make("rsa2048")
        let (directory, keyPath) = try KeyFixtures.write(pair.privateKey, name: "key.pem")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pss = try Shell.run(["openssl", "dgst", "-sha256", "-sign", keyPath, "-sigopt", "rsa_padding_mode:pss",
                                 "-sigopt", "rsa_pss_saltlen:32"], input: Self.message).standardOutput
        let pkcs1 = try Shell.run(["openssl", "dgst", "-sha256", "-sign", keyPath], input: Self.message)
            .standardOutput
        let key = try PublicKey(pem: pair.publicKey, source: "rsa")
        #expect(key.kind == .rsa(bits: 2048))
        #expect(key.isValidSignature(pss, over: Self.message, padding: .pss))
        #expect(!key.isValidSignature(pss, over: Self.message, padding: .pkcs1v15))
        #expect(key.isValidSignature(pkcs1, over: Self.message))
    }

    @Test func rsaPKCS1PublicKeyIsRead() throws {
        let pair = try KeyFixtures.make("rsa2048")
        let pkcs1 = try Shell.run(["openssl", "pkey", "-pubin", "-outform", "PEM"], input: Array(pair.publicKey.utf8))
        let rsaPublic = try Shell.run(["openssl", "rsa", "-pubin", "-RSAPublicKey_out"], input: pkcs1.standardOutput)
        #expect(rsaPublic.stdout.contains("BEGIN RSA PUBLIC KEY"))
        let key = try PublicKey(pem: rsaPublic.stdout, source: "pkcs1")
        #expect(key.isSameKey(as: try PublicKey(pem: pair.publicKey, source: "spki")))
    }

    @Test func subjectPublicKeyInfoRoundTrips() throws {
        let key = try PublicKey(pem: try KeyFixtures.make("p256").publicKey, source: "p256")
        let again = try PublicKey(der: key.subjectPublicKeyInfo, source: "again")
        #expect(again.isSameKey(as: key))
    }
}

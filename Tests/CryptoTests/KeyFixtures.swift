import Foundation
import TestSupport

/// Keys made by the `openssl` command line, so the tests check this module against an independent signer.
enum KeyFixtures {
    /// `openssl genpkey` arguments for each kind of key under test.
    static let algorithms: [String: [String]] = [
        "p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        "p384": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
        "ed25519": ["-algorithm", "ED25519"],
        "rsa2048": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        "rsa1024": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
        "x25519": ["-algorithm", "X25519"],
        "secp256k1": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1"],
    ]

    /// A new PKCS#8 private key PEM and its SubjectPublicKeyInfo PEM.
    static func make(_ name: String) throws -> (privateKey: String, publicKey: String) {
        let privateKey = try Shell.run(["openssl", "genpkey"] + algorithms[name]!).stdout
        let publicKey = try Shell.run(["openssl", "pkey", "-pubout"], input: Array(privateKey.utf8)).stdout
        return (privateKey, publicKey)
    }

    /// A file in a new temporary directory holding `text`.
    static func write(_ text: String, name: String) throws -> (directory: String, path: String) {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (directory, path)
    }
}

/// A secret found in a text: what it is, the value to fingerprint, and the pieces of the text to redact.
struct SecretMatch: Sendable, Hashable {
    /// What kind of secret, which decides the rule.
    enum Kind: String, Sendable {
        case registryCredential, awsKeyPair, gcpServiceAccount, azure, privateKey, encryptedPrivateKey, token
    }

    var kind: Kind
    /// A short name of the secret's type, e.g. `GitHub token`, `RSA private key`.
    var name: String
    /// The whole value, hashed for the fingerprint; never shown.
    var value: String
    /// The substrings of the text that hold the value, each replaced by its redaction wherever text is shown.
    var fragments: [String]
    /// How many characters of the value may be shown: a type prefix (`ghp_`, `AKIA`), never more.
    var shownPrefix: Int
    /// The line the secret starts on.
    var line: ContentLine
}

import Crypto
import Foundation
import Provenance
import Sigstore

/// Who must have signed, and what provenance must say: the options `verify`, `verify-blob` and `scan` share.
struct SignerOptions {
    /// The options that name a signer and the roots it is checked against.
    static let signerOptions: Set<String> = [
        "--key", "--trusted-root", "--certificate-identity", "--certificate-identity-regexp",
        "--certificate-oidc-issuer", "--certificate-oidc-issuer-regexp",
    ]
    /// The options that constrain SLSA provenance.
    static let provenanceOptions: Set<String> = [
        "--provenance-builder", "--provenance-builder-regexp", "--provenance-source", "--provenance-source-regexp",
    ]

    static let help = """
          --key PEM                              the signer's public key (ECDSA, RSA or Ed25519, PEM)
          --certificate-identity ID              keyless: the certificate's SAN (URI or email) must equal ID
          --certificate-identity-regexp RE       ... or match RE, as a whole
          --certificate-oidc-issuer URL          keyless: the OIDC issuer in the certificate must equal URL
          --certificate-oidc-issuer-regexp RE    ... or match RE, as a whole
          --trusted-root FILE                    trusted_root.json for keyless signatures, logs and timestamps
                                                 (default: Sigstore's production root, built into safeguard)
        """

    static let provenanceHelp = """
          --provenance-builder ID                SLSA provenance must name this builder ID
          --provenance-builder-regexp RE         ... or one matching RE, as a whole
          --provenance-source REPO               SLSA provenance must name this source repository
          --provenance-source-regexp RE          ... or one matching RE, as a whole
        """

    /// The signer the options name; nil when none was given.
    var signer: VerificationPolicy.Signer?
    var trustedRootPath: String?
    var builder: StringMatch?
    var sourceRepository: StringMatch?

    /// Whether any signer or provenance option was given.
    var isRequested: Bool { signer != nil || builder != nil || sourceRepository != nil }

    init(_ parsed: Arguments) throws {
        let identity = try Self.match(parsed, exact: "--certificate-identity", regex: "--certificate-identity-regexp")
        let issuer = try Self.match(parsed, exact: "--certificate-oidc-issuer",
                                    regex: "--certificate-oidc-issuer-regexp")
        if let keyPath = parsed.value("--key") {
            guard identity == nil, issuer == nil else {
                throw UsageError("--key and --certificate-* options exclude each other")
            }
            let pem: String
            do {
                pem = try String(contentsOfFile: keyPath, encoding: .utf8)
            } catch {
                throw UsageError("cannot read --key \(keyPath): \(error.localizedDescription)")
            }
            signer = .publicKey(try PublicKey(pem: pem, source: keyPath))
        } else if let identity, let issuer {
            signer = .certificate(identity: identity, issuer: issuer)
        } else if identity != nil || issuer != nil {
            throw UsageError("a keyless signer needs both --certificate-identity[-regexp] and "
                             + "--certificate-oidc-issuer[-regexp]")
        }
        trustedRootPath = parsed.value("--trusted-root")
        builder = try Self.match(parsed, exact: "--provenance-builder", regex: "--provenance-builder-regexp")
        sourceRepository = try Self.match(parsed, exact: "--provenance-source", regex: "--provenance-source-regexp")
        if signer == nil, builder != nil || sourceRepository != nil {
            throw UsageError("--provenance-* options need a signer (--key or --certificate-identity[-regexp] with "
                             + "--certificate-oidc-issuer[-regexp]): unsigned provenance proves nothing")
        }
    }

    /// The signer, or a usage error saying how to give one.
    func requiredSigner() throws -> VerificationPolicy.Signer {
        guard let signer else {
            throw UsageError("give --key, or a certificate identity and OIDC issuer "
                             + "(--certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp])")
        }
        return signer
    }

    /// The trusted root: the file given, else Sigstore's production root.
    func trustedRoot() throws -> TrustedRoot {
        try trustedRootPath.map { try TrustedRoot(contentsOf: $0) } ?? TrustedRoot.production()
    }

    /// The policy for images; nil when no signer was given.
    func policy() throws -> ProvenancePolicy? {
        guard let signer else { return nil }
        return ProvenancePolicy(signer: signer, trustedRoot: try trustedRoot(), builder: builder,
                                sourceRepository: sourceRepository)
    }

    private static func match(_ parsed: Arguments, exact: String, regex: String) throws -> StringMatch? {
        switch (parsed.value(exact), parsed.value(regex)) {
        case (let text?, nil): return .exact(text)
        case (nil, let pattern?):
            guard (try? NSRegularExpression(pattern: pattern)) != nil else {
                throw UsageError("\(regex) '\(pattern)' is not a valid regular expression")
            }
            return .regex(pattern)
        case (nil, nil): return nil
        default: throw UsageError("give \(exact) or \(regex), not both")
        }
    }
}

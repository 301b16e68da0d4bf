import Foundation
import Sigstore

/// What a scan or `safeguard verify` requires of an image's signatures and provenance.
public struct ProvenancePolicy: Sendable {
    /// Who must have signed: a public key, or a Fulcio certificate identity and OIDC issuer.
    public var signer: VerificationPolicy.Signer
    /// The roots keyless signatures, transparency logs and timestamps are checked against.
    public var trustedRoot: TrustedRoot
    /// The builder SLSA provenance must name, when one is required.
    public var builder: StringMatch?
    /// The source repository SLSA provenance must name, when one is required.
    public var sourceRepository: StringMatch?
    /// The time certificates and logs are judged at; now, except in tests.
    public var now: Date

    /// Creates a policy.
    public init(signer: VerificationPolicy.Signer, trustedRoot: TrustedRoot, builder: StringMatch? = nil,
                sourceRepository: StringMatch? = nil, now: Date = Date()) {
        self.signer = signer
        self.trustedRoot = trustedRoot
        self.builder = builder
        self.sourceRepository = sourceRepository
        self.now = now
    }

    var verificationPolicy: VerificationPolicy { VerificationPolicy(signer: signer) }
}

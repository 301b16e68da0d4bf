import Crypto
import Foundation

/// Checks of a Fulcio signing certificate: its chain at the attested times, its SCTs, its identity.
enum CertificateVerifier {
    /// Fulcio's OIDC issuer extensions: v2 holds a DER UTF8String, v1 the raw text.
    static let issuerV2OID = "1.3.6.1.4.1.57264.1.8"
    static let issuerV1OID = "1.3.6.1.4.1.57264.1.1"

    /// Verifies that `leaf` chains to a certificate authority of `trustedRoot` trusted at every time in `times`,
    /// that it allows code signing, and that a trusted CT log signed one of its SCTs.
    static func verify(_ leaf: Certificate, at times: [Date], trustedRoot: TrustedRoot, source: String)
        throws(SigstoreError)
    {
        var issuer: Certificate?
        for time in times {
            var reasons: [String] = []
            var chained = false
            for authority in trustedRoot.certificateAuthorities where authority.validFor.contains(time) {
                do {
                    let chain = try ChainVerifier.verify(leaf, intermediates: Array(authority.chain.dropLast()),
                                                         roots: [authority.chain.last!], at: time,
                                                         requireCodeSigning: true)
                    issuer = issuer ?? (chain.count > 1 ? chain[1] : nil)
                    chained = true
                    break
                } catch {
                    reasons.append(error.description)
                }
            }
            guard chained else {
                let why = reasons.isEmpty ? "no certificate authority is trusted at \(RFC3339.text(time))"
                    : reasons.joined(separator: "; ")
                throw .certificateUntrusted(source: source, reason: why)
            }
        }
        guard let issuer else { throw .certificateUntrusted(source: source, reason: "no issuing certificate") }
        try verifySCTs(leaf, issuer: issuer, trustedRoot: trustedRoot, source: source)
    }

    /// Requires at least one embedded SCT signed by a CT log of the trusted root.
    ///
    /// Why: the SCT proves the certificate was published in a CT log, so a certificate mis-issued by a
    /// compromised Fulcio cannot be used without the owner of the identity being able to see it.
    static func verifySCTs(_ leaf: Certificate, issuer: Certificate, trustedRoot: TrustedRoot, source: String)
        throws(SigstoreError)
    {
        let scts: [SignedCertificateTimestamp]
        let issuerKey: PublicKey
        do {
            scts = try leaf.embeddedSCTs()
            issuerKey = try issuer.publicKey()
        } catch {
            throw .crypto(source: source, error)
        }
        guard !scts.isEmpty else { throw .certificateUntrusted(source: source, reason: "no embedded SCT") }
        for sct in scts {
            guard let log = trustedRoot.certificateTransparencyLogs.first(where: { $0.logID == sct.logID }) else {
                continue
            }
            if log.validFor.contains(sct.date), sct.isValid(for: leaf, issuerKey: issuerKey, logKey: log.publicKey) {
                return
            }
        }
        throw .certificateUntrusted(source: source, reason: "no SCT verifies with a CT log of the trusted root")
    }

    /// The certificate's identity and issuer, checked against the policy.
    static func checkIdentity(_ leaf: Certificate, identity: StringMatch, issuer: StringMatch, source: String)
        throws(SigstoreError) -> VerificationResult.Signer
    {
        let names = leaf.subjectAlternativeNames.compactMap { name -> String? in
            switch name {
            case .uri(let text), .email(let text): text
            default: nil
            }
        }
        guard let matched = names.first(where: identity.matches) else {
            throw .identityMismatch(source: source, reason: "certificate identity \(names.map { "'\($0)'" }) "
                                    + "does not match \(identity)")
        }
        let actualIssuer = oidcIssuer(of: leaf)
        guard let actualIssuer, issuer.matches(actualIssuer) else {
            throw .identityMismatch(source: source, reason: "OIDC issuer '\(actualIssuer ?? "none")' does not "
                                    + "match \(issuer)")
        }
        return .certificate(identity: matched, issuer: actualIssuer, certificate: leaf)
    }

    /// The OIDC issuer Fulcio recorded, from the v2 extension or else the deprecated v1 one.
    static func oidcIssuer(of leaf: Certificate) -> String? {
        if let value = leaf.extensionValue(oid: issuerV2OID) { return DERReader.string(value) }
        if let value = leaf.extensionValue(oid: issuerV1OID) { return String(validating: value, as: UTF8.self) }
        return nil
    }
}

import Findings

extension ProvenanceReport {
    /// Rule IDs of the provenance findings.
    public enum Rule {
        /// No signature of any kind was found.
        public static let signatureMissing = "SG-SIG-001"
        /// Signatures were found, but none satisfies the policy for this image.
        public static let signatureInvalid = "SG-SIG-002"
        /// No trusted SLSA provenance was found.
        public static let provenanceMissing = "SG-PROV-001"
        /// Provenance was found whose signature fails or whose claims break the policy.
        public static let provenanceInvalid = "SG-PROV-002"
    }

    /// The findings DESIGN.md's `signature.*` and `provenance.*` categories name, for `reference`.
    public func findings(reference: String) -> [Finding] {
        var findings: [Finding] = []
        if signatures.isEmpty {
            findings.append(Finding(
                category: "signature.missing", ruleID: Rule.signatureMissing, severity: .high,
                title: "\(reference) is not signed",
                detail: "No cosign signature (tag scheme or referrer) and no Sigstore bundle was found; required: "
                    + "\(required)." + problemsNote,
                evidence: Evidence(facts: ["required": required])))
        } else if !isSigned {
            // Signatures present but none good: re-signed by someone else, moved from another image, or damaged.
            var facts = ["required": required]
            for (position, signature) in signatures.enumerated() {
                facts["signature \(position + 1)"] = "\(signature.artifact): \(signature.reason ?? "not verified")"
            }
            findings.append(Finding(
                category: "signature.invalid", ruleID: Rule.signatureInvalid, severity: .critical,
                title: "No signature of \(reference) satisfies the policy",
                detail: "\(signatures.count) signature(s) found, none verifies as \(required) for this image's "
                    + "digest: the image may have been re-signed by another key or identity, or a signature "
                    + "moved onto it from another image.",
                evidence: Evidence(facts: facts)))
        }

        let provenance = attestations.filter { $0.provenance != nil || Self.isProvenance($0.predicateType) }
        for record in provenance where record.violatesPolicy || (!record.verified && record.format != "buildkit") {
            var facts = ["artifact": record.artifact, "origin": record.origin]
            if let claims = record.provenance {
                facts["builder"] = claims.builderID
                facts["source"] = claims.sourceRepository
            }
            findings.append(Finding(
                category: "provenance.invalid", ruleID: Rule.provenanceInvalid, severity: .high,
                title: "Provenance of \(reference) is not acceptable",
                detail: record.reason ?? "its signature does not verify", evidence: Evidence(facts: facts)))
        }
        if !provenance.contains(where: { $0.verified && !$0.violatesPolicy }) {
            let unsigned = provenance.filter { $0.format == "buildkit" && !$0.verified }.count
            findings.append(Finding(
                category: "provenance.missing", ruleID: Rule.provenanceMissing, severity: .medium,
                title: "\(reference) has no trusted build provenance",
                detail: unsigned > 0
                    ? "Only unsigned BuildKit provenance was found, and no verified signature covers the index "
                        + "that lists it."
                    : "No SLSA provenance attestation that verifies as \(required) was found.",
                evidence: Evidence(facts: ["required": required])))
        }
        return findings
    }

    /// Whether `predicateType` is SLSA provenance of any version.
    static func isProvenance(_ predicateType: String?) -> Bool {
        predicateType?.hasPrefix("https://slsa.dev/provenance/") ?? false
    }

    private var problemsNote: String {
        problems.isEmpty ? "" : " Discovery was incomplete: " + problems.joined(separator: "; ") + "."
    }
}

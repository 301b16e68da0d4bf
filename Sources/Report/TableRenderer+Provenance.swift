import Provenance

extension TableRenderer {
    /// The `safeguard verify` view: the image, the verdict, then each signature and attestation with who signed
    /// it, what it claims, or why it was not accepted.
    public func renderVerify(_ report: VerifyReport) -> String {
        var rows: [(String, String)] = [("Image", terminalSafe(report.reference)),
                                        ("Digest", report.manifestDigest.description)]
        if let index = report.indexDigest { rows.append(("Index", index.description)) }
        rows.append(("Required", terminalSafe(report.provenance.required)))
        rows.append(("Verified", report.verified ? style.bold("yes") : style.severity(.critical) + " no"))
        return keyValues(rows) + "\n" + renderProvenance(report.provenance)
    }

    /// Signatures, then attestations, then what discovery could not read.
    public func renderProvenance(_ report: ProvenanceReport) -> String {
        var text = style.bold("Signatures") + "\n"
        if report.signatures.isEmpty {
            text += "None found.\n"
        } else {
            var table = Table(headers: ["VERIFIED", "FORMAT", "SIGNER", "SIGNS", "FOUND AT"])
            for signature in report.signatures {
                let signer = signature.signer.map { $0 + (signature.issuer.map { " (\($0))" } ?? "") }
                table.rows.append([signature.verified ? "yes" : "no", signature.format,
                                   terminalSafe(signer ?? "-", limit: Self.commandWidth),
                                   signature.signedDigest.map { String($0.prefix(19)) } ?? "-",
                                   terminalSafe(signature.artifact, limit: Self.commandWidth)])
            }
            text += table.render(style: style)
            text += reasons(report.signatures.compactMap { $0.verified ? nil : ($0.artifact, $0.reason) })
        }
        text += "\n" + style.bold("Attestations") + "\n"
        if report.attestations.isEmpty {
            text += "None found.\n"
        } else {
            var table = Table(headers: ["TRUSTED", "FORMAT", "PREDICATE", "CLAIMS"])
            for attestation in report.attestations {
                let claims = attestation.provenance.map { claims in
                    "builder \(claims.builderID)" + (claims.sourceRepository.map { ", source \($0)" } ?? "")
                        + (claims.sourceRef.map { "@\($0)" } ?? "")
                }
                table.rows.append([attestation.verified && !attestation.violatesPolicy ? "yes" : "no",
                                   attestation.format, terminalSafe(attestation.predicateType ?? "-"),
                                   terminalSafe(claims ?? "-", limit: Self.titleWidth)])
            }
            text += table.render(style: style)
            text += reasons(report.attestations.compactMap { ($0.artifact, $0.reason) })
        }
        for problem in report.problems {
            text += style.severity(.low) + " " + terminalSafe(problem) + "\n"
        }
        return text
    }

    /// One line per item that was not accepted: where it was found and why.
    private func reasons(_ items: [(artifact: String, reason: String?)]) -> String {
        items.compactMap { item in
            item.reason.map { "  \(terminalSafe(item.artifact)): \(terminalSafe($0, limit: Self.titleWidth * 2))\n" }
        }.joined()
    }
}

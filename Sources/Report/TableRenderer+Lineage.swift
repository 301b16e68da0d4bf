import Lineage

extension TableRenderer {
    /// The base image and how it was decided, the claims the image makes, and the base/application split.
    public func renderLineage(_ lineage: LineageReport) -> String {
        var text = style.bold("Lineage") + "\n"
        var rows: [(String, String)] = []
        if let base = lineage.base {
            rows.append(("Base", terminalSafe(base.name) + "@" + terminalSafe(base.digest)))
            rows.append(("Decided", "\(base.method.rawValue), \(base.confidence.rawValue) confidence"))
            if let owner = base.owner { rows.append(("Owner", terminalSafe(owner))) }
        } else {
            rows.append(("Base", "not decided" + (lineage.note.map { ": " + terminalSafe($0) } ?? "")))
        }
        for claim in lineage.claims {
            let said = [claim.name, claim.digest].compactMap { $0 }.map { terminalSafe($0) }.joined(separator: " ")
            let verdict = claim.confirmed ? "confirmed" : "unconfirmed"
            rows.append(("Claim", "\(claim.source.rawValue): \(said) (\(verdict))"))
        }
        text += keyValues(rows)
        var table = Table(headers: ["", "BASE", "APPLICATION"])
        table.rows.append(["layers", String(lineage.layers.base), String(lineage.layers.application)])
        table.rows.append(["packages", String(lineage.packages.base), String(lineage.packages.application)])
        if let vulnerabilities = lineage.vulnerabilities {
            table.rows.append(["vulnerabilities", String(vulnerabilities.base), String(vulnerabilities.application)])
        }
        return text + table.render(style: style)
    }
}

import Findings
import ImageModel

extension NameChecks {
    /// A history step quoted in evidence is cut to this many characters: enough to recognise it, and a hostile
    /// multi-megabyte step does not flood the report.
    static let maxQuotedLength = 512

    /// `name.typosquat` findings for the scanned reference (when known) and every base name in `bases`.
    public func findings(reference: Reference?, bases: [NameCandidate]) -> [Finding] {
        var candidates = bases
        if let reference {
            candidates.insert(NameCandidate(text: reference.description, role: .scanned, configField: "reference"),
                              at: 0)
        }
        var seen: Set<String> = []
        var findings: [Finding] = []
        for candidate in candidates.prefix(NameCandidate.maxCandidates + 1) {
            guard seen.insert("\(candidate.role)|\(candidate.text)").inserted,
                  let match = match(candidate.text) else { continue }
            findings.append(Self.finding(for: candidate, match: match))
        }
        return findings
    }

    /// The finding that reports `match` on `candidate`.
    static func finding(for candidate: NameCandidate, match: NameMatch) -> Finding {
        let shown = quoted(candidate.text)
        let whose = candidate.role == .scanned ? "Image name \(shown)"
            : "Base image \(shown)" + (candidate.configField.map { " in \($0)" } ?? " in the build history")
        let how: String
        switch match.method {
        case .editDistance: how = "is \(match.distance ?? 1) edit(s) from"
        case .confusable: how = "is drawn with look-alike characters to read as"
        case .separator: how = "changes the separators of"
        case .affix: how = "adds words to the official name"
        case .namespace: how = "puts the official name under another namespace:"
        case .registryHost: how = "uses a registry host \(match.distance ?? 1) edit(s) from"
        }
        var facts = ["name": shown, "imitates": match.imitates, "method": match.method.rawValue,
                     "part": quoted(match.part)]
        if let distance = match.distance { facts["distance"] = "\(distance)" }
        let severity: Severity = [.namespace, .affix, .separator].contains(match.method) ? .medium : .high
        return Finding(
            category: NameRules.typosquat, ruleID: match.ruleID, severity: severity,
            title: "\(whose) imitates \(match.imitates)",
            detail: "\(whose) \(how) \(match.imitates) (\(match.method.rawValue), in '\(quoted(match.part))'). "
                + "Names close to a well-known image are how typo-squatted images get pulled: check that this is "
                + "the publisher you meant.",
            evidence: Evidence(historyStep: candidate.historyStep.map(quoted), configField: candidate.configField,
                               facts: facts))
    }

    /// `text` cut to `maxQuotedLength` characters, with control and non-ASCII characters escaped: a report line
    /// stays one line, and a Cyrillic `а` shows as `\u{430}` rather than passing for the letter it imitates.
    static func quoted(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(maxQuotedLength) {
            let plain = scalar.isASCII && scalar.properties.generalCategory != .control
            result += plain ? String(scalar) : scalar.escaped(asASCII: true)
        }
        return text.unicodeScalars.count > maxQuotedLength ? result + "…" : result
    }
}

import Findings

/// Keeps at most `PayloadLimits.maxFindingsPerRule` findings of each rule per layer (or per config), and says
/// how many more there were in one summary finding.
///
/// Why: an image can hold ten thousand copies of a leaked key or a dropper; listing each would make the report
/// itself the denial of service.
struct FindingCap {
    private var kept: [Finding] = []
    private var counts: [String: Int] = [:]

    mutating func add(_ finding: Finding) {
        let key = "\(finding.ruleID)@\(finding.evidence.layer?.index ?? -1)"
        counts[key, default: 0] += 1
        if counts[key]! <= PayloadLimits.maxFindingsPerRule { kept.append(finding) }
    }

    mutating func add(_ findings: [Finding]) { findings.forEach { add($0) } }

    /// The kept findings, then one summary per rule and layer past the bound.
    var findings: [Finding] {
        var result = kept
        for (key, count) in counts.sorted(by: { $0.key < $1.key }) where count > PayloadLimits.maxFindingsPerRule {
            guard let first = kept.first(where: { "\($0.ruleID)@\($0.evidence.layer?.index ?? -1)" == key }) else {
                continue
            }
            let omitted = count - PayloadLimits.maxFindingsPerRule
            var summary = first
            summary.title = "\(omitted) more \(first.ruleID) findings were not listed"
            summary.detail = "Only the first \(PayloadLimits.maxFindingsPerRule) findings of a rule are listed per "
                + "layer. " + first.detail
            summary.evidence = Evidence(layer: first.evidence.layer, facts: ["omitted": "\(omitted)"])
            result.append(summary)
        }
        return result
    }
}

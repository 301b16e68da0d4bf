import Findings

/// Collects findings of one layer, keeping at most `maxPerRule` of each rule and counting the rest.
///
/// Why: a crafted layer can hold a million escaping entries; listing each would make the report itself the
/// denial of service. The first ones are listed and one more finding says how many were left out.
struct FindingLimiter {
    /// How many findings of one rule one layer lists: enough to see the pattern, small enough to read.
    static let maxPerRule = 50

    private(set) var kept: [Finding] = []
    private var counts: [String: Int] = [:]

    mutating func add(_ finding: Finding) {
        counts[finding.ruleID, default: 0] += 1
        if counts[finding.ruleID]! <= Self.maxPerRule { kept.append(finding) }
    }

    /// The kept findings, plus one per rule that went past the bound saying how many more there were.
    func findings() -> [Finding] {
        var result = kept
        for (rule, count) in counts.sorted(by: { $0.key < $1.key }) where count > Self.maxPerRule {
            guard let first = kept.first(where: { $0.ruleID == rule }) else { continue }
            var summary = first
            summary.title = "\(count - Self.maxPerRule) more \(rule) findings in layer "
                + "\(first.evidence.layer.map { "\($0.index)" } ?? "?") were not listed"
            summary.detail = "Only the first \(Self.maxPerRule) findings of a rule are listed per layer. "
                + first.detail
            summary.evidence = Evidence(layer: first.evidence.layer, facts: ["omitted": "\(count - Self.maxPerRule)"])
            result.append(summary)
        }
        return result
    }
}

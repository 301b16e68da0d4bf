import Advisories
import Findings

/// Which of an advisory's scores sets a finding's severity: the newest CVSS version that parses, computed from
/// its vector. Labels (`Ubuntu`'s `medium`) and vectors this build cannot score are not used. Vectors repeat
/// across advisories, so each is scored once per scan.
struct CVSSCache {
    private var scored: [String: CVSSVector?] = [:]

    mutating func best(_ scores: [SeverityScore]) -> CVSSVector? {
        let parsed = scores.filter { $0.type.hasPrefix("CVSS_V3") || $0.type == "CVSS_V4" }.compactMap { score in
            if let known = scored[score.score] { return known }
            let vector = try? CVSSVector(parsing: score.score)
            scored[score.score] = vector
            return vector
        }
        return parsed.max { $0.version.rawValue < $1.version.rawValue }
    }
}

extension Severity {
    /// The finding severity of a CVSS rating; `none` (a 0.0 score) is informational.
    init(rating: CVSSVector.Rating) {
        switch rating {
        case .critical: self = .critical
        case .high: self = .high
        case .medium: self = .medium
        case .low: self = .low
        case .none: self = .info
        }
    }
}

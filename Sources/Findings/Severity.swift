/// How bad a finding is, from the report contract's fixed scale.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// Parses a severity name, case-insensitively, as `--fail-on` takes it.
    public init?(name: String) { self.init(rawValue: name.lowercased()) }
}

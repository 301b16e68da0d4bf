import Findings

/// ANSI styling for tables, off when output is not a terminal or `NO_COLOR` is set (no-color.org).
public struct TextStyle: Sendable {
    /// Whether escape codes are written.
    public let colors: Bool

    /// Creates a style.
    public init(colors: Bool) { self.colors = colors }

    /// `text` in bold.
    public func bold(_ text: String) -> String { wrap(text, "1") }

    /// `text` dimmed.
    public func dim(_ text: String) -> String { wrap(text, "2") }

    /// A severity name in the colour scanners conventionally give it.
    public func severity(_ severity: Severity) -> String {
        let name = severity.rawValue.uppercased()
        switch severity {
        case .critical: return wrap(name, "1;31")
        case .high: return wrap(name, "31")
        case .medium: return wrap(name, "33")
        case .low: return wrap(name, "34")
        case .info: return wrap(name, "2")
        }
    }

    private func wrap(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}

import Foundation

/// Where output goes, and what the terminal supports.
struct Terminal: Sendable {
    /// Whether stdout is a terminal and colour is allowed (`NO_COLOR` unset).
    let stdoutColors: Bool
    /// Whether stderr is a terminal, so progress can be drawn on it.
    let stderrIsTerminal: Bool
    /// Whether stderr may be coloured.
    let stderrColors: Bool

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        // no-color.org: any non-empty NO_COLOR disables colour.
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
        stdoutColors = isatty(STDOUT_FILENO) == 1 && !noColor
        stderrIsTerminal = isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
        stderrColors = stderrIsTerminal && !noColor
    }
}

/// Diagnostics on stderr, by level; results never go here. Never given a credential.
final class Logger: @unchecked Sendable {
    enum Level: Int, Comparable {
        case error, warning, info, debug
        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    let level: Level
    private let colors: Bool
    private let lock = NSLock()

    init(level: Level, colors: Bool) {
        self.level = level
        self.colors = colors
    }

    func error(_ message: String) { write(.error, "error", "31", message) }
    func warning(_ message: String) { write(.warning, "warning", "33", message) }
    func info(_ message: String) { write(.info, "info", "2", message) }
    func debug(_ message: String) { write(.debug, "debug", "2", message) }

    /// Writes raw text to stderr (progress lines), serialised with log lines.
    func raw(_ text: String) { lock.withLock { FileHandle.standardError.write(Data(text.utf8)) } }

    private func write(_ messageLevel: Level, _ label: String, _ color: String, _ message: String) {
        guard messageLevel <= level else { return }
        let prefix = colors ? "\u{1B}[\(color)m\(label)\u{1B}[0m" : label
        raw("safeguard: \(prefix): \(message)\n")
    }
}

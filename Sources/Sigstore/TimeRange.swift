import Foundation

/// A closed interval of time during which a key or certificate authority is trusted; an open end means
/// "still trusted".
public struct TimeRange: Sendable, Equatable {
    /// The first trusted instant.
    public let start: Date
    /// The last trusted instant, inclusive; nil when the range has not ended.
    public let end: Date?

    /// A range from `start` to `end`.
    public init(start: Date, end: Date?) {
        self.start = start
        self.end = end
    }

    /// Whether `date` lies within the range, both ends included.
    public func contains(_ date: Date) -> Bool {
        date >= start && (end.map { date <= $0 } ?? true)
    }
}

/// RFC 3339 timestamps as protobuf JSON writes them, with or without fractional seconds.
enum RFC3339 {
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

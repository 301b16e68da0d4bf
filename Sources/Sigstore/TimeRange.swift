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

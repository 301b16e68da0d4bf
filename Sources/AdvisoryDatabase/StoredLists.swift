import Advisories

/// Lists kept in text columns, between the same control-character separators as `AffectedRanges`: aliases, and
/// severity scores as `TYPE` U+001F `score`. Import refuses records whose scores hold control characters.
enum StoredLists {
    private static let itemSeparator = Character(UnicodeScalar(AffectedRanges.rangeSeparator))
    private static let fieldSeparator = Character(UnicodeScalar(AffectedRanges.fieldSeparator))

    static func encode(_ items: [String]) -> String { items.joined(separator: String(itemSeparator)) }

    static func decode(_ text: String) -> [String] {
        text.split(separator: itemSeparator).map(String.init)
    }

    static func encode(_ scores: [SeverityScore]) -> String {
        encode(scores.map { $0.type + String(fieldSeparator) + $0.score })
    }

    static func decodeScores(_ text: String) -> [SeverityScore] {
        decode(text).compactMap { item in
            let parts = item.split(separator: fieldSeparator, maxSplits: 1)
            return parts.count == 2 ? SeverityScore(type: String(parts[0]), score: String(parts[1])) : nil
        }
    }
}

/// What matching and the report need of a stored advisory, read without decoding the whole record: a scan of a
/// large image meets thousands of matches, and decoding each record would cost most of its time.
public struct AdvisorySummary: Sendable, Equatable {
    /// The advisory's ID.
    public var id: String
    /// Its other IDs.
    public var aliases: [String]
    /// Its one-line summary.
    public var summary: String?
    /// Whether it was withdrawn (withdrawn advisories match nothing).
    public var isWithdrawn: Bool
    /// The record's severity scores.
    public var severity: [SeverityScore]
}

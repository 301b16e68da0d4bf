/// Why an OSV record was refused: where it came from, which field, and what was wrong with it.
public struct OSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the record came from: a file path, or an archive member such as `all.zip:GHSA-xxxx-xxxx-xxxx.json`.
    public var source: String
    /// The JSON path of the offending field, e.g. `affected[2].ranges[0].events`; `$` for the record as a whole.
    public var field: String
    /// What is wrong, e.g. `no "introduced" event`.
    public var reason: String

    /// Creates an error.
    public init(source: String, field: String, reason: String) {
        self.source = source
        self.field = field
        self.reason = reason
    }

    /// `source: field: reason`, e.g. `all.zip:GO-2024-0001.json: modified: not an RFC 3339 date-time`.
    public var description: String { "\(source): \(field): \(reason)" }
}

import SQLite

/// Why the advisory database could not be opened, read or written. Each message names the file.
public enum AdvisoryDatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No database at the path: nothing has been imported or downloaded yet.
    case missing(path: String)
    /// The file is not a database of ours, or is damaged.
    case corrupt(path: String, reason: String)
    /// Written by a newer Safeguard, with a schema this one cannot read.
    case newerSchema(path: String, found: Int, supported: Int)
    /// SQLite failed otherwise.
    case sqlite(SQLiteError)
    /// A stored record could not be decoded.
    case record(path: String, id: String, reason: String)
    /// The file could not be written, renamed or removed.
    case file(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "\(path): no advisory database; run `safeguard db update` or `safeguard db import PATH...` first"
        case .corrupt(let path, let reason): "\(path): not a usable advisory database (\(reason))"
        case .newerSchema(let path, let found, let supported):
            "\(path): advisory database schema \(found) is newer than this safeguard reads (\(supported)); "
                + "update safeguard or rebuild the database"
        case .sqlite(let error): "\(error)"
        case .record(let path, let id, let reason): "\(path): stored advisory \(id) is unreadable: \(reason)"
        case .file(let path, let reason): "\(path): \(reason)"
        }
    }

    /// A corruption error for SQLite's own corruption codes, the SQLite error otherwise.
    static func wrapping(_ error: SQLiteError) -> AdvisoryDatabaseError {
        error.isCorruption ? .corrupt(path: error.path, reason: error.message) : .sqlite(error)
    }
}

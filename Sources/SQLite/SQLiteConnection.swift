import CSQLite
import Foundation

/// One SQLite connection, closed when the value goes away. Not thread-safe: one owner at a time.
///
/// A thin layer over the C API, so that modules holding databases (advisories, rpm's) write SQL and bind values
/// instead of handling pointers and result codes.
public final class SQLiteConnection {
    /// How a database file is opened.
    public enum Mode: Sendable {
        /// Read-only: nothing is written, and the file must exist.
        case readOnly
        /// Read-only, and the file promised never to change while open (it is replaced by rename, never written
        /// in place): SQLite then takes no locks and checks nothing per statement.
        case immutable
        /// Read-write; the file is created when missing.
        case readWriteCreate
    }

    let handle: OpaquePointer
    /// The file, for messages.
    public let path: String

    /// Opens `path`.
    /// - Throws: `SQLiteError` when SQLite cannot open it.
    public init(path: String, mode: Mode) throws(SQLiteError) {
        var handle: OpaquePointer?
        let flags = switch mode {
        case .readOnly: SQLITE_OPEN_READONLY
        case .immutable: SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
        case .readWriteCreate: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        var name = path
        if case .immutable = mode {
            // In a URI, `?` and `#` in the path would start the query or fragment; `%` must be escaped too.
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: "?#%")
            name = "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?immutable=1"
        }
        let result = sqlite3_open_v2(name, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard result == SQLITE_OK, let handle else {
            let error = SQLiteError(code: result, message: Self.message(handle, result), path: path)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        self.path = path
    }

    deinit { sqlite3_close_v2(handle) }

    /// The defences SQLite documents for database files someone else wrote: defensive mode (no writes that
    /// corrupt), an untrusted schema (no functions or virtual tables a crafted schema names), cell size checks,
    /// and no memory mapping (a file changed under a mapping can crash the reader).
    public func harden() throws(SQLiteError) {
        guard safeguard_sqlite3_enable_defensive(handle) == SQLITE_OK,
              safeguard_sqlite3_distrust_schema(handle) == SQLITE_OK
        else { throw SQLiteError(code: SQLITE_ERROR, message: "could not make the connection defensive", path: path) }
        for pragma in ["PRAGMA cell_size_check=ON", "PRAGMA trusted_schema=OFF", "PRAGMA mmap_size=0"] {
            try execute(pragma)
        }
    }

    /// Bounds the size of any one string or blob SQLite will return or build.
    public func limitLength(_ bytes: Int) {
        sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, Int32(clamping: bytes))
    }

    /// Runs SQL that returns no rows (several statements may be separated by `;`).
    public func execute(_ sql: String) throws(SQLiteError) {
        let result = sqlite3_exec(handle, sql, nil, nil, nil)
        guard result == SQLITE_OK else { throw error(result) }
    }

    /// Compiles one statement.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let result = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard result == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw error(result)
        }
        return SQLiteStatement(statement: statement, connection: self)
    }

    /// Runs `body` inside a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rowid of the last row inserted.
    public var lastInsertedRow: Int64 { sqlite3_last_insert_rowid(handle) }

    func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: code, message: Self.message(handle, code), path: path)
    }

    static func message(_ handle: OpaquePointer?, _ code: Int32) -> String {
        let detail = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return detail ?? String(cString: sqlite3_errstr(code))
    }
}

/// What SQLite said went wrong, and with which file.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLite's primary result code.
    public var code: Int32
    /// SQLite's message.
    public var message: String
    /// The database file.
    public var path: String

    /// Creates an error.
    public init(code: Int32, message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// Whether SQLite found the file is not a database, or a damaged one.
    public var isCorruption: Bool { code & 0xff == SQLITE_NOTADB || code & 0xff == SQLITE_CORRUPT }

    public var description: String { "\(path): \(message)" }
}

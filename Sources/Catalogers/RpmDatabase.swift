import CSQLite
import Foundation

/// Reads the header blobs of an SQLite rpm database (`rpmdb.sqlite`) held in memory.
///
/// Why opening a database an attacker wrote is acceptable: SQLite is designed to read untrusted database files
/// safely, provided the connection is defensive (`SQLITE_DBCONFIG_DEFENSIVE`), does not trust the schema
/// (`trusted_schema` off, so functions and virtual tables a crafted schema names are not run) and checks cell sizes
/// (`cell_size_check`). On top of that the connection is read-only on a private copy, every blob is bounded by
/// `SQLITE_LIMIT_LENGTH`, and a progress handler stops a query that a crafted database makes run on and on.
enum RpmDatabase {
    /// The rpm database of a large RHEL or Fedora image is tens of MB; 256 MiB bounds a hostile one.
    static let maxSize: Int64 = 256 << 20
    /// SQLite calls the progress handler every this many virtual-machine instructions.
    static let progressInterval: Int32 = 10_000
    /// Reading a row takes a few dozen instructions (the blob's overflow pages cost none), so a database of
    /// 100,000 packages needs a few million; a hundred million is far past that and still stops a runaway query
    /// within a second or so.
    static let maxInstructions = 100_000_000

    /// Calls `body` with each row's header blob (or nil for a row whose blob is not a BLOB), with the row's id.
    /// - Parameter temporaryDirectory: where the private copy is written; it is removed before this returns.
    /// - Throws: `RpmDatabaseError` when the bytes are not a readable rpm database.
    static func forEachHeader(in bytes: [UInt8], temporaryDirectory: String,
                              _ body: (_ row: Int64, _ blob: [UInt8]?) -> Void) throws(RpmDatabaseError) {
        // SQLite reads files, not memory: the copy lives in a directory only we can enter, removed with everything
        // SQLite may have put beside it, whatever happens.
        let directory = try makePrivateDirectory(in: temporaryDirectory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/rpmdb.sqlite"
        try writePrivately(asRollbackJournal(bytes), to: path)

        var handle: OpaquePointer?
        // `immutable=1`: the copy cannot change under us, so SQLite takes no locks and makes no side files.
        let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        let uri = "file:" + escaped + "?immutable=1"
        let opened = sqlite3_open_v2(uri, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil)
        defer { sqlite3_close_v2(handle) }
        guard opened == SQLITE_OK, let database = handle else { throw .sqlite(message(handle, opened)) }
        try harden(database)

        let budget = InstructionBudget(remaining: maxInstructions / Int(progressInterval))
        sqlite3_progress_handler(database, progressInterval, { context in
            let budget = Unmanaged<InstructionBudget>.fromOpaque(context!).takeUnretainedValue()
            budget.remaining -= 1
            return budget.remaining < 0 ? 1 : 0
        }, Unmanaged.passUnretained(budget).toOpaque())
        try withExtendedLifetime(budget) { () throws(RpmDatabaseError) in try readRows(database, body) }
    }

    /// The defences SQLite documents for untrusted database files, and our bounds.
    private static func harden(_ database: OpaquePointer) throws(RpmDatabaseError) {
        guard safeguard_sqlite3_enable_defensive(database) == SQLITE_OK,
              safeguard_sqlite3_distrust_schema(database) == SQLITE_OK
        else { throw .sqlite("could not make the connection defensive") }
        sqlite3_limit(database, SQLITE_LIMIT_LENGTH, Int32(RpmHeader.maxDataSize + 8 + 16 * RpmHeader.maxIndexCount))
        for pragma in ["PRAGMA cell_size_check=ON", "PRAGMA trusted_schema=OFF", "PRAGMA mmap_size=0"] {
            let result = sqlite3_exec(database, pragma, nil, nil, nil)
            guard result == SQLITE_OK else { throw .sqlite(message(database, result)) }
        }
    }

    private static func readRows(_ database: OpaquePointer, _ body: (Int64, [UInt8]?) -> Void)
        throws(RpmDatabaseError)
    {
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(database, "SELECT rowid, blob FROM Packages", -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        guard prepared == SQLITE_OK, let statement else { throw .sqlite(message(database, prepared)) }
        while true {
            let result = sqlite3_step(statement)
            if result == SQLITE_DONE { return }
            guard result == SQLITE_ROW else { throw .sqlite(message(database, result)) }
            let row = sqlite3_column_int64(statement, 0)
            guard sqlite3_column_type(statement, 1) == SQLITE_BLOB else {
                body(row, nil)
                continue
            }
            let count = Int(sqlite3_column_bytes(statement, 1))
            let blob = sqlite3_column_blob(statement, 1).map {
                [UInt8](UnsafeRawBufferPointer(start: $0, count: count))
            } ?? []
            body(row, blob)
        }
    }

    /// rpm keeps its database in WAL mode; our copy has no WAL beside it, and with the header's format bytes set
    /// back to rollback-journal mode SQLite reads it without wanting a `-shm` file.
    private static func asRollbackJournal(_ bytes: [UInt8]) -> [UInt8] {
        // Bytes 18 and 19 are the file format write and read versions: 1 for rollback journal, 2 for WAL.
        guard bytes.count >= 100, bytes[18] == 2, bytes[19] == 2 else { return bytes }
        var copy = bytes
        copy[18] = 1
        copy[19] = 1
        return copy
    }

    private static func makePrivateDirectory(in parent: String) throws(RpmDatabaseError) -> String {
        var template = Array((parent.hasSuffix("/") ? parent : parent + "/").utf8CString.dropLast())
            + Array("safeguard-rpmdb-XXXXXX".utf8CString)
        // mkdtemp creates the directory with mode 0700.
        guard mkdtemp(&template) != nil else {
            throw .temporaryFile("could not create a temporary directory: errno \(errno)")
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func writePrivately(_ bytes: [UInt8], to path: String) throws(RpmDatabaseError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .temporaryFile("could not create the temporary copy: errno \(errno)") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw .temporaryFile("could not write the temporary copy: errno \(errno)") }
            written += result
        }
    }

    private static func message(_ database: OpaquePointer?, _ code: Int32) -> String {
        let detail = database.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return detail ?? String(cString: sqlite3_errstr(code))
    }

    /// What the progress handler counts down; a class so the C callback can reach it through a pointer.
    private final class InstructionBudget {
        var remaining: Int
        init(remaining: Int) { self.remaining = remaining }
    }
}

/// Why an rpm database could not be read.
enum RpmDatabaseError: Error, CustomStringConvertible {
    case sqlite(String)
    case temporaryFile(String)

    var description: String {
        switch self {
        case .sqlite(let message): "not a readable SQLite rpm database: \(message)"
        case .temporaryFile(let message): message
        }
    }
}

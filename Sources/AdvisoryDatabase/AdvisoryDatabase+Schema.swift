import SQLite

extension AdvisoryDatabase {
    /// The schema this build writes and reads. A database with a higher number was written by a newer Safeguard.
    public static let schemaVersion = 1

    /// The tables. `advisories` holds each record whole (zstd-compressed JSON of `Advisory`); `affected` holds one
    /// row per affected package with its ranges in `AffectedRanges`' compact text, so matching reads only those
    /// rows and decodes a record only when it matches. `sources` says where each ecosystem came from and when.
    static let schema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE sources (ecosystem TEXT PRIMARY KEY, updated TEXT NOT NULL, origin TEXT NOT NULL,
                              etag TEXT, modified_through TEXT) WITHOUT ROWID;
        CREATE TABLE advisories (id TEXT NOT NULL UNIQUE, modified TEXT NOT NULL, record BLOB NOT NULL);
        CREATE TABLE affected (name TEXT NOT NULL, ecosystem TEXT NOT NULL, advisory INTEGER NOT NULL,
                               entry INTEGER NOT NULL, ranges TEXT NOT NULL);
        CREATE INDEX affected_by_name ON affected (name);
        CREATE INDEX affected_by_advisory ON affected (advisory);
        """

    /// Creates the tables in an empty database.
    static func create(_ connection: SQLiteConnection) throws(SQLiteError) {
        try connection.execute(schema)
        try connection.execute("INSERT INTO meta VALUES ('schema_version', '\(schemaVersion)')")
    }

    /// The schema version a database says it has.
    static func storedSchemaVersion(_ connection: SQLiteConnection) throws(AdvisoryDatabaseError) -> Int {
        do {
            let statement = try connection.prepare("SELECT value FROM meta WHERE key = 'schema_version'")
            guard try statement.step(), let text = statement.text(0), let version = Int(text) else {
                throw AdvisoryDatabaseError.corrupt(path: connection.path, reason: "no schema version")
            }
            return version
        } catch let error as AdvisoryDatabaseError {
            throw error
        } catch let error as SQLiteError {
            // A database without our tables (another program's, or an empty file SQLite accepted).
            if error.message.hasPrefix("no such table") {
                throw .corrupt(path: connection.path, reason: "no meta table: not an advisory database")
            }
            throw .wrapping(error)
        } catch {
            throw .corrupt(path: connection.path, reason: "\(error)")
        }
    }
}

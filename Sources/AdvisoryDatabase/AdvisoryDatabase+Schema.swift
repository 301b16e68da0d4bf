import SQLite

extension AdvisoryDatabase {
    /// The schema this build writes and reads. A database with a higher number was written by a newer Safeguard.
    public static let schemaVersion = 3

    /// The tables. `advisories` holds each record (zstd-compressed JSON of `Advisory`, its ranges and versions left
    /// out since `affected` holds them) beside the few fields a match reports; `affected` holds one row per
    /// affected package with its ranges in `AffectedRanges`' compact text and its own severity, so matching reads
    /// only those rows and never decodes a record. `affected` is clustered by package name, so one name's rows sit
    /// together on a few pages and need no separate index; the rows of one advisory are found from the package
    /// names its record keeps. `sources` says where each ecosystem came from and when.
    static let schema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE sources (ecosystem TEXT PRIMARY KEY, updated TEXT NOT NULL, origin TEXT NOT NULL,
                              etag TEXT, modified_through TEXT) WITHOUT ROWID;
        CREATE TABLE advisories (id TEXT NOT NULL UNIQUE, modified TEXT NOT NULL, withdrawn INTEGER NOT NULL,
                                 summary TEXT, aliases TEXT NOT NULL, severity TEXT NOT NULL, record BLOB NOT NULL);
        CREATE TABLE affected (name TEXT NOT NULL, ecosystem TEXT NOT NULL, advisory INTEGER NOT NULL,
                               entry INTEGER NOT NULL, ranges TEXT NOT NULL, severity TEXT NOT NULL,
                               PRIMARY KEY (name, ecosystem, advisory, entry)) WITHOUT ROWID;
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

import Advisories
import Foundation
import SQLite

/// Changes the advisory database without ever changing the file scans read: it copies the database (or starts an
/// empty one) beside it, writes into the copy in one transaction, and renames the copy over the original only
/// when everything succeeded. A scan that opened the old file keeps reading it; a crash or a failed download
/// leaves the old file as it was and at most a stray copy, which the next writer removes.
public final class AdvisoryWriter {
    /// The database being replaced.
    public let path: String
    let temporaryPath: String
    let connection: SQLiteConnection
    private let insertAdvisory: SQLiteStatement
    private let findAdvisory: SQLiteStatement
    private let deleteAffected: SQLiteStatement
    private let findRecord: SQLiteStatement
    private let insertAffected: SQLiteStatement
    private var finished = false
    /// Ecosystems (base names) the records put so far affect; each becomes a source at commit if none is recorded.
    private var touched: Set<String> = []

    /// What one writer did, for the command's summary.
    public struct Summary: Sendable, Equatable {
        /// Records added or replaced by a newer version.
        public var written = 0
        /// Records skipped because the database already held the same or a newer version.
        public var unchanged = 0

        /// Creates a summary.
        public init(written: Int = 0, unchanged: Int = 0) {
            self.written = written
            self.unchanged = unchanged
        }
    }

    /// The counts so far.
    public private(set) var summary = Summary()

    /// Starts a change to the database at `path` (created when missing, with its directory).
    /// - Throws: `AdvisoryDatabaseError` when the existing file is not a database this build can write.
    public init(path: String) throws(AdvisoryDatabaseError) {
        self.path = path
        temporaryPath = path + ".writing"
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory,
                                                    withIntermediateDirectories: true)
            // A copy left by a writer that crashed is stale: start again from the real file.
            if FileManager.default.fileExists(atPath: temporaryPath) {
                try FileManager.default.removeItem(atPath: temporaryPath)
            }
            if FileManager.default.fileExists(atPath: path) {
                try FileManager.default.copyItem(atPath: path, toPath: temporaryPath)
            }
        } catch {
            throw .file(path: temporaryPath, reason: "\(error)")
        }
        do {
            let isNew = !FileManager.default.fileExists(atPath: temporaryPath)
            connection = try SQLiteConnection(path: temporaryPath, mode: .readWriteCreate)
            try connection.harden()
            if isNew { try AdvisoryDatabase.create(connection) }
        } catch {
            throw .wrapping(error)
        }
        let version = try AdvisoryDatabase.storedSchemaVersion(connection)
        guard version == AdvisoryDatabase.schemaVersion else {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw version > AdvisoryDatabase.schemaVersion
                ? .newerSchema(path: path, found: version, supported: AdvisoryDatabase.schemaVersion)
                : .corrupt(path: path, reason: "schema version \(version) cannot be upgraded")
        }
        do {
            insertAdvisory = try connection.prepare(
                "INSERT OR REPLACE INTO advisories (rowid, id, modified, withdrawn, summary, aliases, severity, "
                    + "record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            findAdvisory = try connection.prepare("SELECT rowid, modified FROM advisories WHERE id = ?")
            deleteAffected = try connection.prepare(
                "DELETE FROM affected WHERE name = ? AND ecosystem = ? AND advisory = ?")
            findRecord = try connection.prepare("SELECT record FROM advisories WHERE rowid = ?")
            insertAffected = try connection.prepare(
                "INSERT INTO affected (name, ecosystem, advisory, entry, ranges, severity) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            throw .wrapping(error)
        }
    }

    deinit { if !finished { abandon() } }

    /// Adds `advisory`, replacing a stored version that is older (by `modified`); an equal or newer stored version
    /// is kept.
    public func put(_ advisory: Advisory) throws(AdvisoryDatabaseError) {
        do {
            try findAdvisory.bind(1, advisory.id)
            var existing: Int64?
            if try findAdvisory.step() {
                existing = findAdvisory.int64(0)
                let stored = findAdvisory.text(1) ?? ""
                if !Self.isNewer(advisory.modified, than: stored) {
                    findAdvisory.reset()
                    summary.unchanged += 1
                    return
                }
            }
            findAdvisory.reset()
            // The ranges and versions live in `affected`; the record keeps the rest.
            var stripped = advisory
            for index in stripped.affected.indices {
                stripped.affected[index].ranges = []
                stripped.affected[index].versions = []
            }
            let record = try RecordCodec.encode(stripped)
            if let existing {
                try deleteAffectedRows(of: existing)
                try insertAdvisory.bind(1, existing)
            } else {
                try insertAdvisory.bindNull(1)
            }
            try insertAdvisory.bind(2, advisory.id)
            try insertAdvisory.bind(3, advisory.modified)
            try insertAdvisory.bind(4, Int64(advisory.withdrawn == nil ? 0 : 1))
            if let summary = advisory.summary {
                try insertAdvisory.bind(5, summary)
            } else {
                try insertAdvisory.bindNull(5)
            }
            try insertAdvisory.bind(6, StoredLists.encode(advisory.aliases))
            try insertAdvisory.bind(7, StoredLists.encode(advisory.severity))
            try insertAdvisory.bind(8, blob: record)
            _ = try insertAdvisory.step()
            insertAdvisory.reset()
            let row = existing ?? connection.lastInsertedRow
            for (entry, affected) in advisory.affected.enumerated() {
                let package = affected.package
                touched.insert(PackageNames.baseEcosystem(package.ecosystem))
                try insertAffected.bind(1, PackageNames.key(package.name, ecosystem: package.ecosystem))
                try insertAffected.bind(2, affected.package.ecosystem)
                try insertAffected.bind(3, row)
                try insertAffected.bind(4, Int64(entry))
                try insertAffected.bind(5, AffectedRanges.encode(affected))
                try insertAffected.bind(6, StoredLists.encode(affected.severity))
                _ = try insertAffected.step()
                insertAffected.reset()
            }
            summary.written += 1
        } catch let error as SQLiteError {
            throw .wrapping(error)
        } catch {
            throw .record(path: path, id: advisory.id, reason: "\(error)")
        }
    }

    /// Removes the affected rows of the advisory stored at `row`, found from the packages its record names.
    private func deleteAffectedRows(of row: Int64) throws {
        try findRecord.bind(1, row)
        defer { findRecord.reset() }
        guard try findRecord.step() else { return }
        let stored = try RecordCodec.decode(findRecord.blob(0))
        for affected in stored.affected {
            let package = affected.package
            try deleteAffected.bind(1, PackageNames.key(package.name, ecosystem: package.ecosystem))
            try deleteAffected.bind(2, package.ecosystem)
            try deleteAffected.bind(3, row)
            _ = try deleteAffected.step()
            deleteAffected.reset()
        }
    }

    /// Records that `ecosystem` (a base name, e.g. `PyPI`) was refreshed from `origin` now.
    public func recordSource(_ ecosystem: String, origin: String, etag: String? = nil,
                             modifiedThrough: String? = nil) throws(AdvisoryDatabaseError) {
        do {
            let statement = try connection.prepare(
                "INSERT OR REPLACE INTO sources (ecosystem, updated, origin, etag, modified_through) "
                    + "VALUES (?, ?, ?, ?, ?)")
            try statement.bind(1, ecosystem)
            try statement.bind(2, ISO8601DateFormatter().string(from: Date()))
            try statement.bind(3, origin)
            if let etag { try statement.bind(4, etag) } else { try statement.bindNull(4) }
            if let modifiedThrough { try statement.bind(5, modifiedThrough) } else { try statement.bindNull(5) }
            _ = try statement.step()
        } catch {
            throw .wrapping(error)
        }
    }

    /// What the database recorded of `ecosystem`'s last refresh: its ETag and the newest `modified` it covered.
    public func source(_ ecosystem: String) throws(AdvisoryDatabaseError)
        -> (etag: String?, modifiedThrough: String?)?
    {
        do {
            let statement = try connection.prepare("SELECT etag, modified_through FROM sources WHERE ecosystem = ?")
            try statement.bind(1, ecosystem)
            guard try statement.step() else { return nil }
            return (statement.text(0), statement.text(1))
        } catch {
            throw .wrapping(error)
        }
    }

    /// Commits and puts the new database in place of the old one, atomically.
    ///
    /// Every ecosystem a stored record affects is recorded as a source (origin `records`) unless one was recorded
    /// already: packages of an ecosystem with no source are reported as not checked.
    public func commit() throws(AdvisoryDatabaseError) {
        do {
            let statement = try connection.prepare(
                "INSERT OR IGNORE INTO sources (ecosystem, updated, origin) VALUES (?, ?, 'records')")
            for ecosystem in touched.sorted() {
                try statement.bind(1, ecosystem)
                try statement.bind(2, ISO8601DateFormatter().string(from: Date()))
                _ = try statement.step()
                statement.reset()
            }
            try connection.execute("COMMIT")
            // Index pages filled in random key order are left part empty; rewriting the copy packs them (a
            // fifth smaller on a large import) before it replaces the database.
            try connection.execute("VACUUM")
        } catch {
            abandon()
            throw .wrapping(error)
        }
        finished = true
        // rename(2) replaces the file in one step: a reader sees the old database or the new one, never a mix.
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw .file(path: path, reason: "could not put the new database in place: \(reason)")
        }
    }

    /// Drops everything written: the old database stays as it was.
    public func abandon() {
        finished = true
        try? connection.execute("ROLLBACK")
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    /// RFC 3339 times compared as instants; text order when either does not parse.
    static func isNewer(_ candidate: String, than stored: String) -> Bool {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        func date(_ text: String) -> Date? { formatter.date(from: text) ?? plain.date(from: text) }
        guard let new = date(candidate), let old = date(stored) else { return candidate > stored }
        return new > old
    }
}

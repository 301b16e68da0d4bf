import Advisories
import Foundation
import SQLite

/// The advisory database: one SQLite file of OSV advisories, indexed by package name.
///
/// Scans open it read-only, so many can share it; `AdvisoryWriter` never changes the file in place but writes a
/// new one beside it and renames it over, so a scan keeps reading the file it opened and an interrupted update
/// leaves the previous database as it was.
public final class AdvisoryDatabase {
    /// One affected package of a stored advisory: what matching tests a version against.
    public struct Candidate: Sendable {
        /// The stored advisory's row, for `advisory(row:)`.
        public var row: Int64
        /// Which entry of the advisory's `affected` list this is.
        public var entry: Int
        /// The entry's package, ranges, versions and its own severity scores (OSV 1.6), if any.
        public var affected: Affected
    }

    /// What `safeguard db status` shows of one ecosystem.
    public struct EcosystemStatus: Sendable, Equatable {
        /// The ecosystem name without release, e.g. `Debian`.
        public var ecosystem: String
        /// Advisories with at least one affected package in it.
        public var advisories: Int
        /// When it was last imported or updated, RFC 3339; nil for ecosystems that only came along in records.
        public var updated: String?
        /// Where it came from: a mirror URL, or `import`.
        public var origin: String?
    }

    let connection: SQLiteConnection
    /// The file.
    public let path: String
    private lazy var byName = try? connection.prepare(
        "SELECT advisory, entry, ecosystem, ranges, severity FROM affected WHERE name = ?")
    private lazy var byRow = try? connection.prepare("SELECT id, record FROM advisories WHERE rowid = ?")
    private lazy var summaryByRow = try? connection.prepare(
        "SELECT id, aliases, summary, withdrawn, severity FROM advisories WHERE rowid = ?")
    private lazy var rangesByPackage = try? connection.prepare(
        "SELECT entry, ranges FROM affected WHERE name = ? AND ecosystem = ? AND advisory = ?")

    /// Opens the database at `path` read-only.
    /// - Throws: `.missing` when there is no file, `.corrupt` when it is not ours or damaged, `.newerSchema` when a
    ///   newer Safeguard wrote it.
    public init(readingAt path: String) throws(AdvisoryDatabaseError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        do {
            // Immutable is true of this file: writers replace it by rename and never change it in place.
            connection = try SQLiteConnection(path: path, mode: .immutable)
            try connection.harden()
            connection.limitLength(RecordCodec.maxRecordSize)
            // A scan looks up thousands of names scattered over the whole index; SQLite's default 2 MB page cache
            // would read the same interior pages again and again.
            try connection.execute("PRAGMA cache_size = -65536")
        } catch {
            throw .wrapping(error)
        }
        self.path = path
        let version = try Self.storedSchemaVersion(connection)
        guard version <= Self.schemaVersion else {
            throw .newerSchema(path: path, found: version, supported: Self.schemaVersion)
        }
        guard version == Self.schemaVersion else {
            throw .corrupt(path: path, reason: "schema version \(version) is not one this safeguard reads")
        }
    }

    /// Every affected entry that names `name` (compared as `PackageNames.key` does) in an ecosystem for which
    /// `ecosystem` holds. Entries whose stored ranges cannot be read are returned in `unreadable`.
    public func candidates(named name: String, baseEcosystem: String, where ecosystem: (String) -> Bool)
        throws(AdvisoryDatabaseError) -> [Candidate]
    {
        guard let statement = byName else { throw .corrupt(path: path, reason: "the affected table is unreadable") }
        defer { statement.reset() }
        var found: [Candidate] = []
        try translatingErrors {
            try statement.bind(1, PackageNames.key(name, ecosystem: baseEcosystem))
            while try statement.step() {
                guard let stored = statement.text(2), ecosystem(stored) else { continue }
                let package = AffectedPackage(ecosystem: stored, name: name)
                guard var affected = statement.withUTF8(3, { AffectedRanges.decode($0, package: package) }) else {
                    throw AdvisoryDatabaseError.corrupt(path: path, reason: "stored ranges of \(name) are damaged")
                }
                affected.severity = StoredLists.decodeScores(statement.text(4) ?? "")
                found.append(Candidate(row: statement.int64(0), entry: Int(statement.int64(1)), affected: affected))
            }
        }
        return found
    }

    /// The whole advisory stored at `row`.
    public func advisory(row: Int64) throws(AdvisoryDatabaseError) -> Advisory {
        guard let statement = byRow else { throw .corrupt(path: path, reason: "the advisories table is unreadable") }
        defer { statement.reset() }
        let (id, bytes) = try translatingErrors {
            try statement.bind(1, row)
            guard try statement.step() else { throw AdvisoryDatabaseError.corrupt(path: path, reason: "row \(row)") }
            return (statement.text(0) ?? "row \(row)", statement.blob(1))
        }
        var advisory: Advisory
        do { advisory = try RecordCodec.decode(bytes) } catch {
            throw .record(path: path, id: id, reason: "\(error)")
        }
        // The record was stored without its ranges and versions; they come back from its affected rows, found
        // under the package names it keeps.
        guard let ranges = rangesByPackage else {
            throw .corrupt(path: path, reason: "the affected table is unreadable")
        }
        let packages = Set(advisory.affected.map { affected in
            [PackageNames.key(affected.package.name, ecosystem: affected.package.ecosystem), affected.package.ecosystem]
        })
        for package in packages.sorted(by: { $0.joined() < $1.joined() }) {
            defer { ranges.reset() }
            try translatingErrors {
                try ranges.bind(1, package[0])
                try ranges.bind(2, package[1])
                try ranges.bind(3, row)
                while try ranges.step() {
                    let entry = Int(ranges.int64(0))
                    guard advisory.affected.indices.contains(entry),
                          let stored = AffectedRanges.decode(ranges.text(1) ?? "",
                                                             package: advisory.affected[entry].package)
                    else {
                        throw AdvisoryDatabaseError.record(path: path, id: id, reason: "affected[\(entry)] is damaged")
                    }
                    advisory.affected[entry].ranges = stored.ranges
                    advisory.affected[entry].versions = stored.versions
                }
            }
        }
        return advisory
    }

    /// What a match reports of the advisory at `row`, read from its columns without decoding the record.
    public func summary(row: Int64) throws(AdvisoryDatabaseError) -> AdvisorySummary {
        guard let statement = summaryByRow else {
            throw .corrupt(path: path, reason: "the advisories table is unreadable")
        }
        defer { statement.reset() }
        return try translatingErrors {
            try statement.bind(1, row)
            guard try statement.step(), let id = statement.text(0) else {
                throw AdvisoryDatabaseError.corrupt(path: path, reason: "no advisory at row \(row)")
            }
            return AdvisorySummary(id: id, aliases: StoredLists.decode(statement.text(1) ?? ""),
                                   summary: statement.text(2), isWithdrawn: statement.int64(3) != 0,
                                   severity: StoredLists.decodeScores(statement.text(4) ?? ""))
        }
    }

    /// Runs `body`, turning SQLite's errors into the database's and anything else into a corruption report.
    private func translatingErrors<T>(_ body: () throws -> T) throws(AdvisoryDatabaseError) -> T {
        do {
            return try body()
        } catch let error as AdvisoryDatabaseError {
            throw error
        } catch let error as SQLiteError {
            throw .wrapping(error)
        } catch {
            throw .corrupt(path: path, reason: "\(error)")
        }
    }

    /// The ecosystems the database holds, with their advisory counts and where and when they came from.
    public func status() throws(AdvisoryDatabaseError) -> [EcosystemStatus] {
        do {
            var counts: [String: Set<Int64>] = [:]
            let affected = try connection.prepare("SELECT DISTINCT ecosystem, advisory FROM affected")
            while try affected.step() {
                counts[PackageNames.baseEcosystem(affected.text(0) ?? ""), default: []].insert(affected.int64(1))
            }
            var sources: [String: (updated: String, origin: String)] = [:]
            let rows = try connection.prepare("SELECT ecosystem, updated, origin FROM sources")
            while try rows.step() {
                sources[rows.text(0) ?? ""] = (rows.text(1) ?? "", rows.text(2) ?? "")
            }
            return Set(counts.keys).union(sources.keys).sorted().map { ecosystem in
                EcosystemStatus(ecosystem: ecosystem, advisories: counts[ecosystem]?.count ?? 0,
                                updated: sources[ecosystem]?.updated, origin: sources[ecosystem]?.origin)
            }
        } catch {
            throw .wrapping(error)
        }
    }

    /// Whether the database holds advisories for the ecosystem `base` (e.g. `Debian`): when it does not, a
    /// package of that ecosystem is "not checked", never "not vulnerable". An ecosystem counts as held once an
    /// import or update recorded it as a source, even if it had no advisory for this release.
    public func covers(_ base: String) throws(AdvisoryDatabaseError) -> Bool {
        try coveredEcosystems().contains(base)
    }

    private var coveredCache: Set<String>?

    /// Read from the small `sources` table, not from `affected`: a scan asks once, and must not pay for a pass
    /// over a million rows.
    private func coveredEcosystems() throws(AdvisoryDatabaseError) -> Set<String> {
        if let coveredCache { return coveredCache }
        var covered: Set<String> = []
        do {
            let statement = try connection.prepare("SELECT ecosystem FROM sources")
            while try statement.step() { covered.insert(statement.text(0) ?? "") }
        } catch {
            throw .wrapping(error)
        }
        coveredCache = covered
        return covered
    }
}

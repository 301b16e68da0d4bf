import Advisories
import Foundation
import Zip

/// Imports OSV records into the database from files, directories and zip archives laid out as osv.dev publishes
/// them (`ECOSYSTEM/all.zip`, or one `ID.json` a record).
///
/// A malformed record is rejected, named with its file and field, and the import goes on; only a failure of the
/// database itself, or an unreadable input path, stops it.
public enum AdvisoryImport {
    /// Why one record was not imported.
    public struct Rejection: Sendable, Equatable, CustomStringConvertible {
        /// The file, or `archive.zip:member`.
        public var source: String
        /// What was wrong.
        public var reason: String

        public var description: String { "\(source): \(reason)" }
    }

    /// What an import did.
    public struct Outcome: Sendable {
        /// Records written or left as they were.
        public var summary = AdvisoryWriter.Summary()
        /// The first `maxRejectionsKept` rejected records.
        public var rejections: [Rejection] = []
        /// How many records were rejected in all.
        public var rejected = 0
        /// The ecosystems (base names) the imported records affect.
        public var ecosystems: Set<String> = []

        /// An empty outcome.
        public init() {}
    }

    /// An export with thousands of bad records would otherwise flood the terminal.
    public static let maxRejectionsKept = 200
    /// osv.dev's largest export (all ecosystems together) is well under this; a larger file is refused rather
    /// than read into memory.
    static let maxArchiveSize = 4 << 30

    /// Imports every record under `paths` through `writer` (not committed: the caller decides).
    /// - Throws: `AdvisoryImportError` for a path that cannot be read, `AdvisoryDatabaseError` when writing fails.
    public static func run(_ paths: [String], into writer: AdvisoryWriter) throws -> Outcome {
        var outcome = Outcome()
        for path in paths {
            try each(recordIn: path) { source, member in
                try add(member, source: source, to: writer, outcome: &outcome)
            }
        }
        return outcome
    }

    /// Parses and stores one record, counting it as written, unchanged or rejected.
    /// - Returns: the record's `modified` time, or nil when it was rejected.
    /// - Throws: only when the database cannot be written.
    @discardableResult
    public static func add(_ member: Result<[UInt8], ZipArchiveError>, source: String, to writer: AdvisoryWriter,
                           outcome: inout Outcome) throws -> String? {
        let advisory: Advisory
        do {
            // A member the archive could not give (damaged, or larger than a record may be) is one rejected record.
            advisory = try OSVRecord.parse(try member.get(), source: source)
            try checkStorable(advisory)
        } catch {
            outcome.rejected += 1
            if outcome.rejections.count < maxRejectionsKept {
                outcome.rejections.append(Rejection(source: source, reason: reason(error, source: source)))
            }
            return nil
        }
        let before = writer.summary
        try writer.put(advisory)
        outcome.summary.written += writer.summary.written - before.written
        outcome.summary.unchanged += writer.summary.unchanged - before.unchanged
        for affected in advisory.affected {
            outcome.ecosystems.insert(PackageNames.baseEcosystem(affected.package.ecosystem))
        }
        return advisory.modified
    }

    /// The parser's message already names the source; it is not repeated.
    private static func reason(_ error: any Error, source: String) -> String {
        let text = "\(error)"
        return text.hasPrefix(source + ": ") ? String(text.dropFirst(source.count + 2)) : text
    }

    /// Versions are stored between control-character separators (`AffectedRanges`), so none may hold one.
    static func checkStorable(_ advisory: Advisory) throws(AdvisoryImportError) {
        for (index, affected) in advisory.affected.enumerated() {
            let versions = affected.versions + affected.ranges.flatMap { range in
                range.events.map { event in
                    switch event {
                    case .introduced(let version), .fixed(let version), .lastAffected(let version),
                         .limit(let version): version
                    }
                }
            }
            let scores = affected.severity.flatMap { [$0.type, $0.score] }
            if let bad = (versions + scores).first(where: { !AffectedRanges.isStorable($0) }) {
                throw .unstorable(field: "affected[\(index)]", version: bad)
            }
        }
        let scores = advisory.severity.flatMap { [$0.type, $0.score] }
        if let bad = scores.first(where: { !AffectedRanges.isStorable($0) }) {
            throw .unstorable(field: "severity", version: bad)
        }
    }

    /// Calls `body` with each record's source name and bytes under `path`: the file itself, every `.json` file
    /// below a directory (sorted, symbolic links not followed), or every `.json` member of a zip archive.
    static func each(recordIn path: String, _ body: (String, Result<[UInt8], ZipArchiveError>) throws -> Void)
        throws
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AdvisoryImportError.unreadable(path: path, reason: "no such file or directory")
        }
        if isDirectory.boolValue {
            let enumerator = FileManager.default.enumerator(atPath: path)
            var files: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".json") || relative.hasSuffix(".zip") { files.append(relative) }
            }
            for relative in files.sorted() { try each(recordIn: path + "/" + relative, body) }
            return
        }
        let bytes = try read(path)
        if bytes.starts(with: [0x50, 0x4b]) {
            try eachMember(of: bytes, archive: path, body)
        } else {
            try body(path, .success(bytes))
        }
    }

    /// The `.json` members of the zip archive `bytes`.
    static func eachMember(of bytes: [UInt8], archive path: String,
                           _ body: (String, Result<[UInt8], ZipArchiveError>) throws -> Void) throws {
        let archive: ZipArchive
        do { archive = try ZipArchive(bytes: bytes) } catch {
            throw AdvisoryImportError.unreadable(path: path, reason: "\(error)")
        }
        for entry in archive.entries where !entry.isDirectory && entry.name.hasSuffix(".json") {
            let member = Result { () throws(ZipArchiveError) in
                try archive.contents(of: entry, limit: OSVLimits.maxRecordBytes)
            }
            try body(path + ":" + entry.name, member)
        }
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AdvisoryImportError.unreadable(path: path, reason: "cannot be opened")
        }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        guard size <= UInt64(maxArchiveSize) else {
            throw AdvisoryImportError.unreadable(path: path, reason: "larger than \(maxArchiveSize >> 30) GiB")
        }
        try handle.seek(toOffset: 0)
        return [UInt8](try handle.readToEnd() ?? Data())
    }
}

/// Why an import input could not be read, or a record could not be stored.
public enum AdvisoryImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path given to import that cannot be read at all.
    case unreadable(path: String, reason: String)
    /// A version holding a control character, which the database cannot store.
    case unstorable(field: String, version: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .unstorable(let field, let version):
            "\(field): \(version.debugDescription) holds a control character"
        }
    }
}

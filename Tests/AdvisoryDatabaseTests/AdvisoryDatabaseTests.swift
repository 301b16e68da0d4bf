import Advisories
import AdvisoryDatabase
import Foundation
import TestSupport
import Testing

/// The database file: what is written reads back, newer records replace older ones, and a failed or abandoned
/// change leaves the previous file as it was.
@Suite struct AdvisoryDatabaseTests {
    static func advisory(_ id: String, modified: String = "2024-01-01T00:00:00Z", fixed: String = "2.36-9+deb12u4",
                         ecosystem: String = "Debian:12", name: String = "glibc") -> Advisory {
        Advisory(id: id, modified: modified, aliases: ["CVE-" + id.suffix(9)], summary: "a summary",
                 affected: [Affected(package: AffectedPackage(ecosystem: ecosystem, name: name),
                                     ranges: [AffectedRange(type: .ecosystem,
                                                            events: [.introduced("0"), .fixed(fixed)])],
                                     versions: ["2.36-9"])])
    }

    static func write(_ advisories: [Advisory], to path: String) throws {
        let writer = try AdvisoryWriter(path: path)
        for advisory in advisories { try writer.put(advisory) }
        try writer.recordSource("Debian", origin: "import")
        try writer.commit()
    }

    @Test func whatIsWrittenReadsBackByPackageName() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/nested/advisories.db"
        let stored = [Self.advisory("DEBIAN-CVE-2024-0001"),
                      Self.advisory("PYSEC-2024-1", ecosystem: "PyPI", name: "PyYAML")]
        try Self.write(stored, to: path)

        let database = try AdvisoryDatabase(readingAt: path)
        let glibc = try database.candidates(named: "glibc", baseEcosystem: "Debian") { $0 == "Debian:12" }
        #expect(glibc.map(\.affected) == [stored[0].affected[0]])
        #expect(try database.advisory(row: glibc[0].row) == stored[0])
        #expect(try database.candidates(named: "glibc", baseEcosystem: "Debian") { $0 == "Debian:11" }.isEmpty)
        // PyPI names are found under their PEP 503 form.
        let yaml = try database.candidates(named: "pyyaml", baseEcosystem: "PyPI") { _ in true }
        #expect(yaml.count == 1)
        let status = try database.status()
        #expect(status.map(\.ecosystem) == ["Debian", "PyPI"])
        #expect(status.map(\.advisories) == [1, 1])
        #expect(status[0].origin == "import" && status[1].origin == "records")
        // What the records affect counts as covered; an ecosystem no record names does not.
        #expect(try database.covers("Debian") && database.covers("PyPI") && !database.covers("Alpine"))
    }

    /// The corpus as osv.dev and the OSV linter left it: every valid record in, every linter case out, named.
    @Test(.enabled(if: TestPaths.hasCorpus("vulndata/osv"), "needs shared/corpora/vulndata/osv"))
    func importRejectsMalformedRecordsNamingFileAndFieldAndKeepsTheRest() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let testdata = TestPaths.corpus("vulndata/osv/osv-schema/tools/osv-linter/testdata")
        let writer = try AdvisoryWriter(path: directory + "/advisories.db")
        let outcome = try AdvisoryImport.run([testdata], into: writer)
        try writer.commit()
        let rejected = Dictionary(uniqueKeysWithValues: outcome.rejections.map {
            (($0.source as NSString).lastPathComponent, $0.reason)
        })
        #expect(rejected["nointroduced-CVE-2023-41045.json"]
            == "affected[0].ranges[0].events: no \"introduced\" event")
        #expect(rejected["nondistinct-CVE-2018-5407.json"]?.hasPrefix("affected[6].ranges[1].events[1]:") == true)
        // nopackage-GHSA-9v2f-6vcg-3hgv repeats GHSA-9v2f-6vcg-3hgv's ID and time: kept once.
        #expect(outcome.rejected == 2, "\(outcome.rejections)")
        #expect(outcome.summary == AdvisoryWriter.Summary(written: 9, unchanged: 1))
        let stored = try AdvisoryDatabase(readingAt: directory + "/advisories.db")
        #expect(try stored.candidates(named: "github.com/gin-gonic/gin", baseEcosystem: "Go") { _ in true }.count == 1)
    }

    /// A member the archive cannot give is one rejected record, named with the zip's reason, and the rest goes on.
    @Test func oversizedArchiveMemberIsRejectedWithTheArchiveReason() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let archive = directory + "/all.zip"
        let script = "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n"
            + "    z.writestr('big.json', ' ' * (5 << 20))\n"
            + "    z.writestr('ok.json', '{\"id\": \"PYSEC-1\", \"modified\": \"2024-01-01T00:00:00Z\"}')\n"
        _ = try Shell.run(["python3", "-c", script, archive])
        let writer = try AdvisoryWriter(path: directory + "/advisories.db")
        let outcome = try AdvisoryImport.run([archive], into: writer)
        writer.abandon()
        #expect(outcome.rejections.map(\.source) == [archive + ":big.json"])
        #expect(outcome.rejections.first?.reason.contains("big.json") == true)
        #expect(outcome.summary.written == 1)
    }

    @Test func newerRecordReplacesOlderAndOlderIsIgnored() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/advisories.db"
        try Self.write([Self.advisory("DEBIAN-CVE-2024-0001", modified: "2024-01-01T00:00:00Z")], to: path)
        let writer = try AdvisoryWriter(path: path)
        try writer.put(Self.advisory("DEBIAN-CVE-2024-0001", modified: "2024-02-01T00:00:00Z", fixed: "2.36-10"))
        try writer.put(Self.advisory("DEBIAN-CVE-2024-0001", modified: "2023-12-01T00:00:00Z", fixed: "2.36-1"))
        try writer.commit()
        #expect(writer.summary == AdvisoryWriter.Summary(written: 1, unchanged: 1))

        let database = try AdvisoryDatabase(readingAt: path)
        let found = try database.candidates(named: "glibc", baseEcosystem: "Debian") { _ in true }
        #expect(found.count == 1)
        #expect(found.first?.affected.ranges.first?.events.last == .fixed("2.36-10"))
    }

    @Test func abandonedChangeLeavesThePreviousDatabase() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/advisories.db"
        try Self.write([Self.advisory("DEBIAN-CVE-2024-0001")], to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try AdvisoryDatabase(readingAt: path)

        let writer = try AdvisoryWriter(path: path)
        try writer.put(Self.advisory("DEBIAN-CVE-2024-0002"))
        writer.abandon()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + ".writing"))
        // A reader that opened the file before keeps reading it.
        #expect(try reader.candidates(named: "glibc", baseEcosystem: "Debian") { _ in true }.count == 1)
    }

    @Test func missingCorruptAndNewerDatabasesAreNamedErrors() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = directory + "/none.db"
        #expect(throws: AdvisoryDatabaseError.missing(path: missing)) { try AdvisoryDatabase(readingAt: missing) }

        let garbage = directory + "/garbage.db"
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: garbage))
        #expect { try AdvisoryDatabase(readingAt: garbage) } throws: { error in
            guard case .corrupt(let path, _) = error as? AdvisoryDatabaseError else { return false }
            return path == garbage
        }

        let newer = directory + "/newer.db"
        try Self.write([Self.advisory("DEBIAN-CVE-2024-0001")], to: newer)
        let update = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            + "c.execute(\"UPDATE meta SET value = '99' WHERE key = 'schema_version'\"); c.commit()"
        _ = try Shell.run(["python3", "-c", update, newer])
        let newerError = AdvisoryDatabaseError.newerSchema(path: newer, found: 99,
                                                           supported: AdvisoryDatabase.schemaVersion)
        #expect(throws: newerError) {
            try AdvisoryDatabase(readingAt: newer)
        }
        #expect(throws: newerError) {
            try AdvisoryWriter(path: newer)
        }
    }
}

@testable import Catalogers
import Foundation
import SBOM
import TestSupport
import Testing

/// rpm databases an attacker might write into a layer. A database SQLite cannot read gives one warning naming it; a
/// row whose header is malformed is skipped with a warning naming the database and the row, and the other rows
/// still count. Never a crash, and never a copy of the database left behind.
@Suite struct RpmHostileDatabaseTests {
    static let path = "var/lib/rpm/rpmdb.sqlite"

    /// Catalogs `database` with the private copy written under a fresh directory, which must be empty afterwards.
    static func catalog(_ database: [UInt8]) throws -> CatalogOutput {
        let temporary = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let output = RpmCataloger(temporaryDirectory: temporary)
            .catalog(CatalogFiles(files: [path: (database, 4)]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
        return output
    }

    static let good = RpmHeaderBlob.package("bash", "5.2.26", "3.fc40").bytes

    /// Whole files that are not a readable rpm database. An enum, so that a case's bytes are not printed.
    enum Database: CaseIterable {
        /// An ELF header where the database should be.
        case notSQLite
        /// No bytes at all: SQLite takes it for an empty database, which has no `Packages` table.
        case empty
        /// The first page of a database: the schema names pages that are not there.
        case truncated
        /// A database without rpm's table.
        case noPackagesTable
        /// A `Packages` view that never ends: the progress handler must stop it.
        case endlessView
        /// A `Packages` table without the `blob` column.
        case noBlobColumn

        /// What SQLite says about it.
        var fragment: String {
            switch self {
            case .notSQLite: "file is not a database"
            case .empty, .noPackagesTable: "no such table: Packages"
            case .truncated: "malformed"
            // The progress handler's doing: without it the query runs until it is killed.
            case .endlessView: "interrupted"
            case .noBlobColumn: "no such column: blob"
            }
        }

        func bytes() throws -> [UInt8] {
            switch self {
            case .notSQLite: [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01] + [UInt8](repeating: 0, count: 4096)
            case .empty: []
            case .truncated:
                Array(try RpmRow.database(Array(repeating: .blob(RpmHeaderBlob.package("x").bytes), count: 400))
                    .prefix(4096))
            case .noPackagesTable: try RpmRow.database([], schema: "CREATE TABLE Other (blob BLOB)")
            case .endlessView:
                try RpmRow.database([], schema: """
                    CREATE TABLE Packages0 (blob BLOB);
                    CREATE VIEW Packages AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
                        SELECT i AS rowid, CAST(NULL AS BLOB) AS blob FROM n WHERE i < 0;
                    """)
            case .noBlobColumn:
                try RpmRow.database([], schema: "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, header BLOB)")
            }
        }
    }

    @Test(arguments: Database.allCases)
    func warnsAboutADatabaseItCannotRead(_ database: Database) throws {
        let output = try Self.catalog(try database.bytes())
        #expect(output.packages.isEmpty)
        let warning = try #require(output.warnings.first)
        #expect(output.warnings.count == 1)
        #expect(warning.cataloger == "rpm" && warning.path == Self.path && warning.layer == 4)
        #expect(warning.message.hasPrefix("not a readable SQLite rpm database: "), "\(warning.message)")
        #expect(warning.message.contains(database.fragment), "\(warning.message)")
    }

    typealias Entry = RpmHeaderBlob.Entry
    static let name = RpmHeaderBlob.string(1000, "evil")

    @Test(arguments: [
        // The blob column holding another storage class.
        (RpmRow.text("not a header"), "the row's blob column holds no BLOB"),
        (.integer(42), "the row's blob column holds no BLOB"),
        (.null, "the row's blob column holds no BLOB"),
        // Too short to hold the two sizes.
        (.blob([0, 0, 0]), "header is 3 bytes but its sizes need 8"),
        // Index counts past rpm's own bound, or reading as negative: nothing is allocated for them.
        (.blob(RpmHeaderBlob(entries: [name], indexCount: 0xffff_ffff).bytes), "header has 4294967295 index entries"),
        (.blob(RpmHeaderBlob(entries: [name], indexCount: 0x1_0000).bytes), "header has 65536 index entries"),
        (.blob(RpmHeaderBlob(entries: [name], dataSize: 0x7fff_ffff).bytes), "header data is 2147483647 bytes"),
        // Sizes that promise more bytes than the blob has.
        (.blob(RpmHeaderBlob(entries: [name], indexCount: 1000).bytes), "header is 29 bytes but its sizes need 16013"),
        (.blob(RpmHeaderBlob(entries: [name], dataSize: 6).bytes), "header is 29 bytes but its sizes need 30"),
        // A name whose offset is past the data store, or reads as negative.
        (.blob(RpmHeaderBlob(entries: [Entry(tag: 1000, type: 6, data: [0x61, 0], count: 1, offset: 2)]).bytes),
         "package row 2: tag 1000 at offset 2 with count 1 runs past"),
        (.blob(RpmHeaderBlob(entries: [Entry(tag: 1000, type: 6, data: [0x61, 0], count: 1, offset: 0xffff_fff0)])
            .bytes), "tag 1000 at offset 4294967280 with count 1 runs past"),
        // A name with no NUL before the store ends.
        (.blob(RpmHeaderBlob(entries: [Entry(tag: 1000, type: 6, data: Array("evil".utf8), count: 1)]).bytes),
         "tag 1000 has a string with no NUL"),
        // String arrays and INT32 arrays whose counts read as negative or exceed the store.
        (.blob(RpmHeaderBlob.package("evil", extra: [Entry(tag: 1049, type: 8, data: [0x61, 0], count: 0xffff_ffff)])
            .bytes), "tag 1049 at offset 18 with count 4294967295 runs past"),
        (.blob(RpmHeaderBlob.package("evil", extra: [Entry(tag: 1003, type: 4, data: [0, 0, 0, 1], count: 0x8000_0000)])
            .bytes), "tag 1003 at offset 20 with count 2147483648 runs past"),
        // A name stored as a number: rpm gives NAME the STRING type.
        (.blob(RpmHeaderBlob(entries: [RpmHeaderBlob.int32s(1000, [7])]).bytes), "tag 1000 has type 4"),
        // No name at all.
        (.blob(RpmHeaderBlob(entries: [RpmHeaderBlob.string(1001, "1")]).bytes), "header has no tag 1000"),
        // A file list whose directory index points past the directory names, or whose arrays disagree in length.
        (.blob(RpmHeaderBlob.package("evil", extra: [RpmHeaderBlob.strings(1117, ["passwd"]),
                                                      RpmHeaderBlob.strings(1118, ["/etc/"]),
                                                      RpmHeaderBlob.int32s(1116, [5])]).bytes),
         "file list: directory index 5 of 'passwd' is not one of 1"),
        (.blob(RpmHeaderBlob.package("evil", extra: [RpmHeaderBlob.strings(1117, ["passwd", "group"]),
                                                      RpmHeaderBlob.strings(1118, ["/etc/"]),
                                                      RpmHeaderBlob.int32s(1116, [0])]).bytes),
         "file list: 2 base names but 1 directory indexes"),
        (.blob(RpmHeaderBlob.package("evil", extra: [RpmHeaderBlob.strings(1117, ["passwd"]),
                                                      RpmHeaderBlob.strings(1118, ["/etc/"]),
                                                      RpmHeaderBlob.int32s(1116, [-1])]).bytes),
         "file list: directory index -1 of 'passwd' is not one of 1"),
    ] as [(RpmRow, String)])
    func skipsAMalformedHeaderNamingTheRow(_ row: RpmRow, _ message: String) throws {
        // The good row first, so the hostile one is row 2 and cannot stop the good one being read.
        let schema = "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob)"
        let output = try Self.catalog(try RpmRow.database([.blob(Self.good), row], schema: schema))
        #expect(output.packages.map(\.name) == ["bash"])
        let warning = try #require(output.warnings.first)
        #expect(output.warnings.count == 1)
        #expect(warning.path == Self.path && warning.layer == 4)
        #expect(warning.message.hasPrefix("package row 2: "), "\(warning.message)")
        #expect(warning.message.contains(message), "\(warning.message)")
    }

    @Test func leavesOutTheSigningKeysRpmKeepsAsPackages() throws {
        let key = RpmHeaderBlob.package("gpg-pubkey", "8c5ba27b", "58e2a76c").bytes
        let output = try Self.catalog(try RpmRow.database([.blob(key), .blob(Self.good)]))
        #expect(output.packages.map(\.name) == ["bash"] && output.warnings.isEmpty)
    }

    @Test func summarisesPastTheWarningBound() throws {
        let rows = [RpmRow](repeating: .blob([1, 2, 3]), count: RpmCataloger.maxWarningsPerDatabase + 5)
        let output = try Self.catalog(try RpmRow.database(rows))
        #expect(output.warnings.count == RpmCataloger.maxWarningsPerDatabase + 1)
        #expect(output.warnings.last?.message == "5 more package rows could not be read")
    }
}

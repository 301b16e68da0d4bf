@testable import Catalogers
import Foundation
import SBOM
import TestSupport
import Testing

/// A real Berkeley DB hash `Packages` file, as rpm before 4.16 keeps its database: Debian's rpm 4.18 builds packages
/// with `rpmbuild` and records them with `rpm --justdb`, `tools/rpm-bdb.py` loads their header blobs into a hash
/// file with Berkeley DB's own `db5.3_load`, and what rpm's read-only Berkeley DB backend (`bdb_ro`) lists from that
/// file is the oracle.
@Suite struct RpmBerkeleyDBTests {
    /// One package whose header needs many overflow pages, and a few small ones so that small pages with a fill
    /// factor of 1 spread the records over several buckets.
    static let specs = RpmCatalogerTests.specs + [
        """
        Name: many-files
        Version: 3.1
        Release: 7.el7
        Summary: many files
        License: BSD-3-Clause
        BuildArch: noarch
        %description
        many files
        %install
        mkdir -p %{buildroot}/usr/share/many-files
        for i in $(seq 1 400); do echo $i > %{buildroot}/usr/share/many-files/a-rather-long-file-name-number-$i; done
        %files
        /usr/share/many-files
        """,
    ] + (1...4).map { number in
        """
        Name: small-\(number)
        Version: \(number).0
        Release: 1.el7
        Summary: small
        License: GPL-2.0-only
        BuildArch: noarch
        %description
        small
        %install
        mkdir -p %{buildroot}/etc
        echo \(number) > %{buildroot}/etc/small-\(number)
        %files
        /etc/small-\(number)
        """
    }

    /// How the `Packages` file is laid out.
    enum Layout: String, CaseIterable, Sendable {
        /// db_load's own page size, in this machine's (little-endian) byte order.
        case defaultPages
        /// 512-byte pages: many buckets, and headers spread over chains of overflow pages.
        case smallPages
        /// 512-byte pages written as a big-endian machine writes them.
        case smallPagesBigEndian

        var arguments: [String] {
            switch self {
            case .defaultPages: []
            case .smallPages: ["--pagesize", "512"]
            case .smallPagesBigEndian: ["--pagesize", "512", "--big-endian"]
            }
        }
    }

    struct Fixture {
        var sqlite: [UInt8]
        var packages: [Layout: [UInt8]]
        var directories: [Layout: String]

        /// What rpm's read-only Berkeley DB backend lists from the `Packages` file of `layout`.
        func query(_ layout: Layout, _ format: String) throws -> [String] {
            let command = ["rpm", "--dbpath", directories[layout]!, "--define", "_db_backend bdb_ro", "-qa", "--qf",
                           format]
            return try Shell.run(command).stdout.split(separator: "\n").map(String.init)
        }
    }

    static let fixture: Result<Fixture, any Error> = Result {
        let work = try TestPaths.temporaryDirectory()
        let database = try RpmDatabaseFixture.build(specs, in: work)
        var fixture = Fixture(sqlite: try read(database + "/rpmdb.sqlite"), packages: [:], directories: [:])
        for layout in Layout.allCases {
            let directory = work + "/" + layout.rawValue
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Shell.run([TestPaths.packageRoot + "/tools/rpm-bdb.py", database + "/rpmdb.sqlite", directory]
                + layout.arguments)
            fixture.packages[layout] = try read(directory + "/Packages")
            fixture.directories[layout] = directory
        }
        return fixture
    }

    static func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func catalog(_ files: [String: [UInt8]]) -> CatalogOutput {
        RpmCataloger().catalog(view(bytes: files.merging(["etc/os-release": Array("ID=centos\nVERSION_ID=7\n".utf8)])
            { $1 }))
    }

    @Test(arguments: Layout.allCases)
    func listsWhatRpmsBerkeleyDBReaderLists(_ layout: Layout) throws {
        let fixture = try Self.fixture.get()
        let output = Self.catalog(["var/lib/rpm/Packages": fixture.packages[layout]!])
        #expect(output.warnings.isEmpty, "\(output.warnings)")
        let expected = Set(try fixture.query(layout, "%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE} %{ARCH} %{LICENSE}\\n"))
        // rpm -q prints a missing epoch as 0; the cataloger writes none.
        let found = Set(output.packages.map { package in
            let version = (package.version.contains(":") ? "" : "0:") + package.version
            return "\(package.name) \(version) \(package.architecture ?? "") \(package.licenses.joined())"
        })
        #expect(found == expected)
        #expect(output.packages.count == expected.count)
        #expect(expected.count == Self.specs.count)
        #expect(output.packages.allSatisfy { $0.locations == ["var/lib/rpm/Packages"] })
    }

    @Test(arguments: Layout.allCases)
    func recordsTheFilesRpmsBerkeleyDBReaderRecords(_ layout: Layout) throws {
        let fixture = try Self.fixture.get()
        let output = Self.catalog(["var/lib/rpm/Packages": fixture.packages[layout]!])
        let expected = Set(try fixture.query(layout, "[%{=NAME} %{FILENAMES}\\n]"))
        let found = Set(output.packages.flatMap { package in package.files.map { "\(package.name) /\($0.path)" } })
        #expect(found == expected)
        // many-files's header, with 400 names and digests, is larger than any page used here: it is read whole
        // from a chain of overflow pages.
        #expect(expected.filter { $0.hasPrefix("many-files ") }.count == 401)
    }

    @Test func smallPagesSpreadTheRecordsOverBucketsAndOverflowPages() throws {
        let bytes = try Self.fixture.get().packages[.smallPages]!
        let pages = stride(from: 0, to: bytes.count, by: 512).map { bytes[$0 + 25] }
        // Metadata offset 72: the highest bucket number.
        #expect(bytes[72] > 2, "buckets: \(bytes[72] + 1)")
        #expect(pages.filter { $0 == 7 }.count > 100)
        let bigEndian = try Self.fixture.get().packages[.smallPagesBigEndian]!
        #expect(bigEndian[12..<16] == [0, 0x06, 0x15, 0x61])
    }

    @Test func readsTheDatabaseWhereFedoraMovedIt() throws {
        let output = Self.catalog(["usr/lib/sysimage/rpm/Packages": try Self.fixture.get().packages[.defaultPages]!])
        #expect(output.packages.count == Self.specs.count && output.warnings.isEmpty)
        #expect(output.packages.allSatisfy { $0.locations == ["usr/lib/sysimage/rpm/Packages"] })
    }

    @Test func leavesOutAPackagesFileBesideAnSQLiteDatabase() throws {
        let fixture = try Self.fixture.get()
        let output = Self.catalog(["var/lib/rpm/Packages": fixture.packages[.defaultPages]!,
                                   "var/lib/rpm/rpmdb.sqlite": fixture.sqlite])
        #expect(output.packages.count == Self.specs.count && output.warnings.isEmpty)
        #expect(output.packages.allSatisfy { $0.locations == ["var/lib/rpm/rpmdb.sqlite"] })
    }

    @Test func asksTheLayerPassForTheBerkeleyDBFiles() {
        let requests = Catalog.requests(Catalog.defaultCatalogers)
        #expect(requests.contains { $0.matches("var/lib/rpm/Packages") })
        #expect(requests.contains { $0.matches("usr/lib/sysimage/rpm/Packages") })
        #expect(!requests.contains { $0.matches("var/lib/rpm/Packages.db") })
    }
}

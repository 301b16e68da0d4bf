@testable import Catalogers
import Foundation
import SBOM
import TestSupport
import Testing

/// A real SQLite rpm database: Debian's rpm 4.18 builds two small packages with `rpmbuild` and records them with
/// `rpm --justdb`; what `rpm -q` reads back from that database is the oracle.
@Suite struct RpmCatalogerTests {
    static let osRelease = "ID=fedora\nVERSION_ID=40\nNAME=\"Fedora Linux\"\n"

    /// One package with an epoch, a `%config` file and requirements; one architecture-specific without an epoch.
    static let specs = [
        """
        Name: demo
        Version: 1.2
        Release: 3.fc40
        Epoch: 2
        Summary: demo
        License: MIT AND Apache-2.0
        BuildArch: noarch
        Requires: bash
        Requires: /bin/sh
        %description
        demo
        %install
        mkdir -p %{buildroot}/etc %{buildroot}/usr/share/demo
        echo hi > %{buildroot}/etc/demo.conf
        echo data > %{buildroot}/usr/share/demo/data
        %files
        %config(noreplace) /etc/demo.conf
        %dir /usr/share/demo
        /usr/share/demo/data
        """,
        """
        Name: tool-lib
        Version: 0.9~rc1
        Release: 1
        Summary: tool
        License: GPL-2.0-or-later
        %global debug_package %{nil}
        %description
        tool
        %install
        mkdir -p %{buildroot}/usr/lib64
        printf 'x' > %{buildroot}/usr/lib64/libtool.so.1
        ln -s libtool.so.1 %{buildroot}/usr/lib64/libtool.so
        %files
        /usr/lib64/libtool.so.1
        /usr/lib64/libtool.so
        """,
    ]

    struct Fixture {
        var database: [UInt8]
        var directory: String
        func query(_ format: String) throws -> String {
            try Shell.run(["rpm", "--dbpath", directory, "-qa", "--qf", format]).stdout
        }
    }

    static let fixture: Result<Fixture, any Error> = Result {
        let work = try TestPaths.temporaryDirectory()
        let database = try RpmDatabaseFixture.build(specs, in: work)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: database + "/rpmdb.sqlite"))
        return Fixture(database: [UInt8](bytes), directory: database)
    }

    static func catalog(_ database: [UInt8], at path: String = "var/lib/rpm/rpmdb.sqlite") -> CatalogOutput {
        RpmCataloger().catalog(view(bytes: [path: database, "etc/os-release": Array(osRelease.utf8)]))
    }

    @Test func listsWhatRpmListsFromTheSameDatabase() throws {
        let fixture = try Self.fixture.get()
        let output = Self.catalog(fixture.database)
        #expect(output.warnings.isEmpty, "\(output.warnings)")
        let expected = Set(try fixture.query("%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE}\\n")
            .split(separator: "\n").map(String.init))
        // rpm -q prints a missing epoch as 0; the cataloger writes none.
        let found = Set(output.packages.map { "\($0.name) " + ($0.version.contains(":") ? "" : "0:") + $0.version })
        #expect(found == expected)
        #expect(expected.count == 2)
    }

    @Test func recordsTheFilesDigestsAndConfigFlagsRpmRecords() throws {
        let fixture = try Self.fixture.get()
        let output = Self.catalog(fixture.database)
        // `%{=NAME}` repeats the scalar on each line of the file arrays.
        let lines = try fixture.query("[%{=NAME}|%{FILENAMES}|%{FILEDIGESTS}|%{FILEFLAGS}\\n]")
        var expected = Set<String>()
        for line in lines.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            let digest = fields[2].isEmpty ? "-" : "sha256:" + fields[2]
            let isConfiguration = (Int(fields[3]) ?? 0) & 1 != 0
            expected.insert("\(fields[0]) \(fields[1].dropFirst()) \(digest) \(isConfiguration)")
        }
        let found = Set(output.packages.flatMap { package in
            package.files.map { "\(package.name) \($0.path) \($0.digest ?? "-") \($0.isConfiguration)" }
        })
        #expect(found == expected)
        #expect(expected.count == 5)
        #expect(found.contains { $0.hasPrefix("demo etc/demo.conf sha256:") && $0.hasSuffix(" true") })
    }

    @Test func describesThePackageAsThePurlSpecAndTheHeaderSay() throws {
        let output = Self.catalog(try Self.fixture.get().database)
        let demo = try #require(output.packages.first { $0.name == "demo" })
        #expect(demo.version == "2:1.2-3.fc40")
        #expect(demo.purl == "pkg:rpm/fedora/demo@1.2-3.fc40?arch=noarch&distro=fedora-40&epoch=2")
        #expect(demo.type == .rpm && demo.architecture == "noarch")
        #expect(demo.licenses == ["MIT AND Apache-2.0"])
        #expect(demo.sourceName == "demo" && demo.sourceVersion == nil)
        // `/bin/sh` is a file and `rpmlib(…)` is rpm itself: neither names a package. rpm adds `config(demo)` for
        // a package with `%config` files; it is kept as recorded.
        #expect(demo.dependencies == ["bash", "config(demo)"])
        #expect(demo.locations == ["var/lib/rpm/rpmdb.sqlite"])

        let tool = try #require(output.packages.first { $0.name == "tool-lib" })
        #expect(tool.version == "0.9~rc1-1")
        #expect(tool.purl == "pkg:rpm/fedora/tool-lib@0.9~rc1-1?arch=x86_64&distro=fedora-40")
        #expect(tool.files.first { $0.path == "usr/lib64/libtool.so" }?.digest == nil)
    }

    @Test func readsTheDatabaseWhereFedoraMovedIt() throws {
        let output = Self.catalog(try Self.fixture.get().database, at: "usr/lib/sysimage/rpm/rpmdb.sqlite")
        #expect(output.packages.count == 2)
        #expect(output.packages.allSatisfy { $0.locations == ["usr/lib/sysimage/rpm/rpmdb.sqlite"] })
    }

    @Test func runsAmongTheDefaultCatalogers() {
        #expect(Catalog.defaultCatalogers.contains { $0 is RpmCataloger })
        let requests = Catalog.requests(Catalog.defaultCatalogers)
        #expect(requests.contains { $0.matches("var/lib/rpm/rpmdb.sqlite") })
    }
}

import Foundation
import Findings
import Forensics
import LayerPass
import SBOM
import TestSupport
import Testing

/// `integrity.package-file-modified` on apk's installed database (SHA-1 `Z:` checksums) and on rpm's SQLite and
/// Berkeley DB databases (file digests in the header's algorithm): a replaced program and an edited configuration
/// file each, and the untouched image clean.
@Suite struct PackageFileIntegrityApkRpmTests {
    static let busybox = "\u{7f}ELF busybox 1.36.1\n"
    static let securetty = "console\ntty1\n"
    static let passwd = "root:x:0:0:root:/root:/bin/sh\n"
    static let group = "root:x:0:root\n"

    /// `Q1` and the base64 of the SHA-1, as apk records a file's checksum.
    static func apkChecksum(_ content: String) -> String {
        "Q1" + Data(FileDigests(of: Array(content.utf8)).sha1!).base64EncodedString()
    }

    static var alpineBase: [TarWriter.Entry] {
        let installed = """
            P:busybox
            V:1.36.1-r15
            A:x86_64
            o:busybox
            F:bin
            R:busybox
            a:0:0:755
            Z:\(apkChecksum(busybox))
            F:lib
            R:libc.musl-x86_64.so.1
            a:0:0:777
            Z:\(apkChecksum("ld-musl-x86_64.so.1"))
            F:etc
            R:securetty
            Z:\(apkChecksum(securetty))
            R:passwd
            Z:\(apkChecksum(passwd))
            R:group
            Z:\(apkChecksum(group))


            """
        return [
            .directory("etc/"), .file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"),
            .file("etc/securetty", securetty), .file("etc/passwd", passwd), .file("etc/group", group),
            .directory("lib/"), .directory("lib/apk/"), .directory("lib/apk/db/"),
            .file("lib/apk/db/installed", installed),
            .directory("bin/"), .file("bin/busybox", busybox, mode: 0o755),
            // apk records a link's checksum as that of its target name.
            .symlink("lib/libc.musl-x86_64.so.1", to: "ld-musl-x86_64.so.1"),
        ]
    }

    @Test func untouchedAlpineImageIsClean() throws {
        let scan = try IntegrityScan([.entries(Self.alpineBase)])
        #expect(scan.findings.isEmpty, "\(scan.findings.map(\.title))")
        #expect(scan.outcome.compared == 3)
        #expect(scan.outcome.unverified == 2)
    }

    @Test func applicationLayerThatAddsAUserIsClean() throws {
        // What `adduser -D app` writes; apk's alpine-baselayout-data owns both files with checksums.
        let scan = try IntegrityScan([.entries(Self.alpineBase), .entries([
            .directory("etc/"), .file("etc/passwd", Self.passwd + "app:x:1000:1000::/home/app:/bin/sh\n"),
            .file("etc/group", Self.group + "app:x:1000:app\n"),
            .directory("home/"), .directory("home/app/"),
        ])])
        #expect(scan.findings.isEmpty, "\(scan.findings.map(\.title))")
    }

    @Test func apkLinkPointedElsewhereIsFound() throws {
        let scan = try IntegrityScan([.entries(Self.alpineBase), .entries([
            .directory("lib/"), .symlink("lib/libc.musl-x86_64.so.1", to: "/tmp/libevil.so"),
        ])])
        #expect(scan.findings.only?.evidence.path == "lib/libc.musl-x86_64.so.1")
        #expect(scan.findings.only?.ruleID == "SG-INTEGRITY-001")
    }

    @Test func apkProgramReplacedByALaterLayerIsFoundWithItsSHA1() throws {
        let evil = "\u{7f}ELF busybox with a miner\n"
        let scan = try IntegrityScan([.entries(Self.alpineBase), .entries([.directory("bin/"),
                                                                          .file("bin/busybox", evil, mode: 0o755)])])
        let finding = try #require(scan.findings.only)
        #expect(finding.ruleID == "SG-INTEGRITY-001")
        #expect(finding.severity == .high)
        #expect(finding.evidence.path == "bin/busybox")
        #expect(finding.evidence.layer?.index == 1)
        #expect(finding.evidence.facts?["package"] == "busybox")
        #expect(finding.evidence.facts?["packageType"] == "apk")
        #expect(finding.evidence.facts?["recordedDigest"]
            == "sha1:" + FileDigests(of: Array(Self.busybox.utf8)).hex("sha1")!)
        #expect(finding.evidence.facts?["actualDigest"] == "sha1:" + FileDigests(of: Array(evil.utf8)).hex("sha1")!)
    }

    @Test func apkFileUnderEtcIsConfiguration() throws {
        let scan = try IntegrityScan([.entries(Self.alpineBase),
                                      .entries([.directory("etc/"), .file("etc/securetty", "console\nttyS0\n")])])
        let finding = try #require(scan.findings.only)
        #expect(finding.ruleID == "SG-INTEGRITY-002")
        #expect(finding.severity == .low)
        #expect(finding.evidence.facts?["configuration"] == "true")
    }

    // MARK: rpm

    static let demoData = "data\n"
    static let demoConf = "hi\n"

    /// A package with a `%config` file and a plain one, built with rpmbuild and recorded with `rpm --justdb`.
    static let spec = """
        Name: demo
        Version: 1.2
        Release: 3.fc40
        Summary: demo
        License: MIT
        BuildArch: noarch
        %description
        demo
        %install
        mkdir -p %{buildroot}/etc %{buildroot}/usr/share/demo
        printf 'hi\\n' > %{buildroot}/etc/demo.conf
        printf 'data\\n' > %{buildroot}/usr/share/demo/data
        %files
        %config(noreplace) /etc/demo.conf
        %dir /usr/share/demo
        /usr/share/demo/data
        """

    /// The database in both of rpm's formats, by the path an image keeps it at.
    static let databases: Result<[String: [UInt8]], any Error> = Result {
        let work = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let database = work + "/db"
        try Shell.run(["rpm", "--dbpath", database, "--initdb"])
        try Data(spec.utf8).write(to: URL(fileURLWithPath: work + "/demo.spec"))
        try Shell.run(["rpmbuild", "--define", "_topdir " + work + "/top", "-bb", work + "/demo.spec"])
        let rpms = try FileManager.default.subpathsOfDirectory(atPath: work + "/top/RPMS")
            .filter { $0.hasSuffix(".rpm") }.map { work + "/top/RPMS/" + $0 }
        try Shell.run(["rpm", "--dbpath", database, "-i", "--nodeps", "--justdb"] + rpms)
        try FileManager.default.createDirectory(atPath: work + "/bdb", withIntermediateDirectories: true)
        try Shell.run([TestPaths.packageRoot + "/tools/rpm-bdb.py", database + "/rpmdb.sqlite", work + "/bdb"])
        func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
        return ["var/lib/rpm/rpmdb.sqlite": try read(database + "/rpmdb.sqlite"),
                "var/lib/rpm/Packages": try read(work + "/bdb/Packages")]
    }

    static func rpmBase(_ databasePath: String) throws -> [TarWriter.Entry] {
        var database = TarWriter.Entry.file(databasePath)
        database.content = try databases.get()[databasePath]!
        return [
            .directory("etc/"), .file("etc/os-release", "ID=fedora\nVERSION_ID=40\n"),
            .file("etc/demo.conf", demoConf),
            .directory("usr/"), .directory("usr/share/"), .directory("usr/share/demo/"),
            .file("usr/share/demo/data", demoData),
            .directory("var/"), .directory("var/lib/"), .directory("var/lib/rpm/"), database,
        ]
    }

    @Test(arguments: ["var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages"])
    func rpmFilesAreComparedWithTheHeadersSHA256(_ databasePath: String) throws {
        let clean = try IntegrityScan([.entries(try Self.rpmBase(databasePath))])
        #expect(clean.findings.isEmpty, "\(clean.findings.map(\.title))")
        #expect(clean.outcome.compared == 2)

        let scan = try IntegrityScan([.entries(try Self.rpmBase(databasePath)), .entries([
            .directory("usr/"), .directory("usr/share/"), .directory("usr/share/demo/"),
            .file("usr/share/demo/data", "tampered\n"),
            .directory("etc/"), .file("etc/demo.conf", "edited\n"),
        ])])
        let byRule = Dictionary(grouping: scan.findings, by: \.ruleID)
        let modified = try #require(byRule["SG-INTEGRITY-001"]?.only)
        #expect(modified.evidence.path == "usr/share/demo/data")
        #expect(modified.evidence.facts?["packageType"] == "rpm")
        #expect(modified.evidence.facts?["database"] == databasePath)
        #expect(modified.evidence.facts?["recordedDigest"]
            == "sha256:" + FileDigests(of: Array(Self.demoData.utf8)).hex("sha256")!)
        let configuration = try #require(byRule["SG-INTEGRITY-002"]?.only)
        #expect(configuration.evidence.path == "etc/demo.conf")
        #expect(configuration.severity == .low)
    }
}

import Findings
@testable import Forensics
import Foundation
import ImageModel
import LayerPass
import TestSupport
import Testing

/// `integrity.package-file-modified` on small dpkg databases written by hand: diversions, hardlinks, files several
/// packages record, records that hold no digest, and a layer that tampers with more files than a report lists.
@Suite struct PackageFileIntegrityDpkgTests {
    static let original = "\u{7f}ELF tool 1.0\n"
    static let wrapper = "#!/bin/sh\nexec /usr/bin/tool.distrib \"$@\"\n"

    static func md5(_ text: String) -> String { FileDigests(of: Array(text.utf8)).hex("md5")! }

    /// A dpkg database whose packages record `files` (path → recorded content or a literal digest field).
    static func database(_ packages: [(name: String, sums: [(path: String, digest: String)])],
                         diversions: String? = nil) -> [TarWriter.Entry] {
        var entries: [TarWriter.Entry] = [
            .directory("var/"), .directory("var/lib/"), .directory("var/lib/dpkg/"),
            .directory("var/lib/dpkg/info/"),
            .file("var/lib/dpkg/status", packages.map { package in
                "Package: \(package.name)\nStatus: install ok installed\nVersion: 1.0\nArchitecture: all\n"
            }.joined(separator: "\n")),
        ]
        for package in packages {
            let sums = package.sums.map { "\($0.digest)  \($0.path)\n" }.joined()
            entries.append(.file("var/lib/dpkg/info/\(package.name).md5sums", sums))
        }
        if let diversions { entries.append(.file("var/lib/dpkg/diversions", diversions)) }
        return entries
    }

    static let usrBin: [TarWriter.Entry] = [.directory("usr/"), .directory("usr/bin/")]

    @Test func divertedFileIsComparedWhereTheDiversionMovedIt() throws {
        let packages = [(name: "tool", sums: [(path: "usr/bin/tool", digest: Self.md5(Self.original))]),
                        (name: "wrapper", sums: [(path: "usr/bin/tool", digest: Self.md5(Self.wrapper))])]
        let files = Self.usrBin + [.file("usr/bin/tool", Self.wrapper, mode: 0o755),
                                   .file("usr/bin/tool.distrib", Self.original, mode: 0o755)]
        let diverted = try IntegrityScan([.entries(Self.database(packages, diversions:
            "/usr/bin/tool\n/usr/bin/tool.distrib\nwrapper\n") + files)])
        #expect(diverted.findings.isEmpty, "\(diverted.findings.map(\.title))")
        #expect(diverted.outcome.compared == 2)

        // What the diversion adds: tool's record judges tool.distrib, so a replaced original is found there.
        let swapped = try IntegrityScan([.entries(Self.database(packages, diversions:
            "/usr/bin/tool\n/usr/bin/tool.distrib\nwrapper\n") + Self.usrBin
            + [.file("usr/bin/tool", Self.wrapper), .file("usr/bin/tool.distrib", Self.wrapper)])])
        #expect(swapped.findings.only?.evidence.path == "usr/bin/tool.distrib")
        #expect(swapped.findings.only?.evidence.facts?["recordedPath"] == "usr/bin/tool")
    }

    @Test func fileEitherOfTwoPackagesRecordsIsNotAFinding() throws {
        // A file taken over through Replaces stays listed by the package that lost it.
        let packages = [(name: "old", sums: [(path: "usr/bin/tool", digest: Self.md5("older content\n"))]),
                        (name: "new", sums: [(path: "usr/bin/tool", digest: Self.md5(Self.original))])]
        let scan = try IntegrityScan([.entries(Self.database(packages) + Self.usrBin
            + [.file("usr/bin/tool", Self.original)])])
        #expect(scan.findings.isEmpty)
        #expect(scan.outcome.compared == 1)
    }

    @Test func hardlinkedNameIsJudgedByItsTargetsContent() throws {
        var link = TarWriter.Entry.file("usr/bin/tool2")
        link.type = UInt8(ascii: "1")
        link.linkName = "usr/bin/tool"
        let packages = [(name: "tool", sums: [(path: "usr/bin/tool", digest: Self.md5(Self.original)),
                                              (path: "usr/bin/tool2", digest: Self.md5(Self.original))])]
        let clean = try IntegrityScan([.entries(Self.database(packages) + Self.usrBin
            + [.file("usr/bin/tool", Self.original), link])])
        #expect(clean.findings.isEmpty)
        #expect(clean.outcome.compared == 2)

        let tampered = try IntegrityScan([.entries(Self.database(packages) + Self.usrBin
            + [.file("usr/bin/tool", Self.original)]), .entries(Self.usrBin + [.file("usr/bin/tool", "evil\n"), link])])
        #expect(tampered.findings.map(\.evidence.path) == ["usr/bin/tool", "usr/bin/tool2"])
    }

    @Test func programReplacedByASymlinkIsFound() throws {
        let packages = [(name: "tool", sums: [(path: "usr/bin/tool", digest: Self.md5(Self.original))])]
        let scan = try IntegrityScan([.entries(Self.database(packages) + Self.usrBin
            + [.file("usr/bin/tool", Self.original)]), .entries(Self.usrBin
            + [.symlink("usr/bin/tool", to: "/tmp/.x/tool")])])
        let finding = try #require(scan.findings.only)
        #expect(finding.ruleID == "SG-INTEGRITY-001")
        #expect(finding.evidence.facts?["linkTarget"] == "/tmp/.x/tool")
        #expect(finding.evidence.facts?["actualDigest"] == nil)
    }

    /// Records that name no digest the pass computes say nothing about the content: never a finding.
    @Test(arguments: [
        "newconffile",  // dpkg's placeholder until a conffile's package is configured
        "",  // an empty field
        "d41d8cd98f00b204e9800998ecf8427",  // one hex digit short
        "d41d8cd98f00b204e9800998ecf8427ez",  // not hex
        "d41d8cd98f00b204e9800998ecf8427e00",  // one byte long
    ])
    func recordThatIsNoDigestLeavesTheFileUnverified(_ field: String) throws {
        let packages = [(name: "tool", sums: [(path: "usr/bin/tool", digest: field)])]
        let scan = try IntegrityScan([.entries(Self.database(packages) + Self.usrBin
            + [.file("usr/bin/tool", "anything\n")])])
        #expect(scan.findings.isEmpty)
        #expect(scan.outcome.compared == 0)
    }

    /// Recorded digests are compared whatever their case; unknown algorithms and missing separators are not
    /// comparable.
    @Test(arguments: [
        ("md5:D41D8CD98F00B204E9800998ECF8427E", true),
        ("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709", true),
        ("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true),
        ("md5:d41d8cd98f00b204e9800998ecf8427f", false),
        ("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce", nil),  // not computed
        ("d41d8cd98f00b204e9800998ecf8427e", nil),  // no algorithm
        ("md5:newconffile", nil),
        ("md5:d41d8cd98f00b204e9800998ecf8427\u{1e}", nil),  // a control character that case folding makes a digit
    ] as [(String, Bool?)])
    func recordedDigestsAreMatchedByAlgorithmAndValue(_ recorded: String, _ expected: Bool?) {
        #expect(FileDigests(of: []).matches(recorded: recorded) == expected)
    }

    @Test(arguments: [
        ("usr/bin/ls", true), ("etc/bash.bashrc", true), ("opt/vendor/bin/agent", true), ("lib/x.so", true),
        ("usr/local/bin/python3", false), ("home/app/run.sh", false), ("app/server.js", false),
        ("var/lib/dpkg/status", false), ("var/cache/apt/pkgcache.bin", false), ("root/.bashrc", false),
        ("usrx/bin/ls", false), ("", false), ("usr/share/doc/bash/README", false),
        ("usr/share/locale/de/LC_MESSAGES/coreutils.mo", false), ("usr/share/perl/5.36/strict.pm", true),
    ])
    func digestsOnlyWherePackagesInstall(_ path: String, _ digested: Bool) {
        #expect(PackageFileIntegrity.isPackageTerritory(path) == digested)
    }

    @Test(arguments: [
        ("etc/dpkg", DigestAlgorithms.md5), ("etc/dpkg/dpkg.cfg.d/excludes", .md5), ("var/lib/dpkg/status", .md5),
        ("lib/apk/db/installed", .sha1), ("etc/apk", .sha1), ("usr/lib/sysimage/rpm/rpmdb.sqlite", [.md5, .sha256]),
        ("etc/rpm", [.md5, .sha256]),
        ("etc/dpkgx", nil), ("etc/dpk", nil), ("usr/bin/dpkg", nil), ("lib/apkfoo", nil), ("", nil),
    ] as [(String, DigestAlgorithms?)])
    func packageManagerDirectoriesNarrowTheAlgorithms(_ path: String, _ expected: DigestAlgorithms?) {
        #expect(PackageFileIntegrity.algorithms(markedBy: path) == expected)
    }

    @Test(arguments: [
        ("/a\n/a.distrib\npkg\n", ["a": "a.distrib"]),
        ("/a\n/a.distrib\n", [:]),  // an incomplete triple is ignored, as dpkg would refuse the file
        ("\n\n\n", [:]),  // empty paths divert nothing
        ("/a\n/b\n:\n/c\n/d\npkg\n", ["a": "b", "c": "d"]),  // `:` is the administrator's local diversion
    ] as [(String, [String: String])])
    func diversionsAreReadAsTriples(_ text: String, _ expected: [String: String]) {
        let diversions = DpkgDiversions(Array(text.utf8))
        #expect(diversions.byPath.mapValues(\.divertedTo) == expected)
    }

    @Test func historyStepsAreMatchedToLayersOnlyWhenTheyNumberTheSame() throws {
        let history = try JSONDecoder().decode([HistoryEntry].self, from: Data(#"""
            [{"created_by": "ADD rootfs /"}, {"created_by": "ENV A=1", "empty_layer": true},
             {"created_by": "RUN cp x /usr/bin/ls"}]
            """#.utf8))
        #expect(PackageFileIntegrity.layerSteps(history, layerCount: 2) == ["ADD rootfs /", "RUN cp x /usr/bin/ls"])
        // A history that lies about its layers names no step rather than the wrong one.
        #expect(PackageFileIntegrity.layerSteps(history, layerCount: 3) == nil)
        #expect(PackageFileIntegrity.layerSteps([], layerCount: 1) == nil)
    }

    @Test func layerThatTampersWithHundredsOfFilesIsListedWithinTheBound() throws {
        let paths = (0..<200).map { "usr/bin/tool\($0)" }
        let packages = [(name: "tool", sums: paths.map { (path: $0, digest: Self.md5(Self.original)) })]
        let scan = try IntegrityScan([.entries(Self.database(packages) + Self.usrBin
            + paths.map { .file($0, Self.original) }), .entries(Self.usrBin + paths.map { .file($0, "evil\n") })])
        #expect(scan.findings.count == 51)
        #expect(scan.findings.last?.evidence.facts?["omitted"] == "150")
        #expect(scan.outcome.compared == 200)
    }
}

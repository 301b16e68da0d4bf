import Foundation
import Report
import TestSupport
import Testing

/// `integrity.package-file-modified` through a whole scan: the check is registered, its digests requested from
/// the layer pass, and its findings in the report.
@Suite struct PackageFileIntegrityScanTests {
    @Test func scanReportsAPackageFileAnUpperLayerReplaced() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = "\u{7f}ELF tool 1.0\n"
        let md5 = try Shell.run(["md5sum"], input: Array(original.utf8)).stdout.prefix(32)
        try TarWriter.write([
            .directory("usr/"), .directory("usr/bin/"), .file("usr/bin/tool", original, mode: 0o755),
            .directory("var/"), .directory("var/lib/"), .directory("var/lib/dpkg/"), .directory("var/lib/dpkg/info/"),
            .file("var/lib/dpkg/status", "Package: tool\nStatus: install ok installed\nVersion: 1.0\n"
                + "Architecture: all\n"),
            .file("var/lib/dpkg/info/tool.md5sums", "\(md5)  usr/bin/tool\n"),
        ], to: directory + "/base.tar")
        try TarWriter.write([.directory("usr/"), .directory("usr/bin/"), .file("usr/bin/tool", "evil\n", mode: 0o755)],
                            to: directory + "/top.tar")
        try FixtureImages.buildImage(layout: directory + "/layout", tag: "v1",
                                     layers: [directory + "/base.tar:gzip", directory + "/top.tar:gzip"],
                                     extra: ["--history", "ADD base.tar /", "--history", "COPY tool /usr/bin/tool"])

        let report = try scan("oci:\(directory)/layout:v1")
        let findings = report.findings.filter { $0.category == "integrity.package-file-modified" }
        #expect(findings.map(\.ruleID) == ["SG-INTEGRITY-001"])
        #expect(findings.first?.evidence.path == "usr/bin/tool")
        #expect(findings.first?.evidence.facts?["recordedDigest"] == "md5:\(md5)")
        #expect(findings.first?.evidence.historyStep == "COPY tool /usr/bin/tool")
    }

    @Test func scanOfTheRealDebianImageHasNoIntegrityFinding() throws {
        let report = try scan("oci:\(try FixtureImages.debian.get()):bookworm")
        #expect(!report.findings.contains { $0.category == "integrity.package-file-modified" })
    }
}

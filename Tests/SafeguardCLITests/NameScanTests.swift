import Findings
import Foundation
import ImageModel
import ImageSources
import Report
import SafeguardCLI
import Scanner
import TestSupport
import Testing

/// `name.typosquat` and `metadata.impersonation` on whole images: the real Debian image under its own, a mirror's
/// and an organisation's names, and small images dressed as official ones.
@Suite struct NameScanTests {
    static let categories: Set<String> = ["name.typosquat", "metadata.impersonation"]

    func nameFindings(_ location: String, as name: String? = nil) throws -> [Finding] {
        var scan = ImageScan(location: try ImageLocation(parsing: location),
                             platform: try Platform(parsing: "linux/amd64"),
                             registryOptions: RegistryOptions(credentialStore: CredentialStore(files: [])),
                             concurrency: 2)
        scan.imageName = try name.map { try Reference(parsing: $0) }
        return try scan.run().findings.filter { Self.categories.contains($0.category) }
    }

    @Test(arguments: ["docker.io/library/debian:bookworm", "mirror.example/library/debian:bookworm",
                      "acme/debian-tools:1.0", "registry.corp.example/platform/debian-base"])
    func realDebianImageIsCleanUnderItsOwnAMirrorsAndAnOrganisationsName(_ name: String) throws {
        let layout = try FixtureImages.debian.get()
        #expect(try nameFindings("oci:\(layout):bookworm", as: name).isEmpty)
    }

    @Test func realDebianImageUnderATypoSquattedNameIsFlagged() throws {
        let layout = try FixtureImages.debian.get()
        let found = try nameFindings("oci:\(layout):bookworm", as: "someuser/debain:bookworm")
        #expect(found.map(\.ruleID) == ["SG-NAME-001"])
        #expect(found.first?.evidence.facts?["imitates"] == "docker.io/library/debian")
    }

    /// An image published as `someuser/alpine`, its labels copied from the official image's home, built on a
    /// typo-squatted base named by a build argument.
    @Test func lookalikeImageWithBorrowedLabelsIsFlaggedThroughTheCommandLine() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try TarWriter.write([.directory("etc/"), .file("etc/os-release", "ID=alpine\n")], to: directory + "/l.tar")
        let name = "docker.io/someuser/alpine:3.20"
        try FixtureImages.buildImage(
            layout: directory + "/layout", tag: name, layers: [directory + "/l.tar:gzip"],
            extra: ["--history", "ARG BASE_IMAGE=alp1ne:3.20", "--history", "ADD rootfs.tar /",
                    "--label", "org.opencontainers.image.vendor=Alpine Linux",
                    "--label", "org.opencontainers.image.url=https://hub.docker.com/_/alpine"])
        let output = directory + "/report.json"
        #expect(Command.main(["scan", "-q", "--format", "json", "--output", output, "oci:\(directory)/layout:\(name)"])
                    == .success)
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        let found = report.findings.filter { Self.categories.contains($0.category) }
        #expect(found.map(\.ruleID).sorted() == ["SG-META-001", "SG-META-001", "SG-NAME-002", "SG-NAME-004"])
        let base = try #require(found.first { $0.ruleID == "SG-NAME-002" })
        #expect(base.evidence.historyStep == "ARG BASE_IMAGE=alp1ne:3.20")
        #expect(base.evidence.facts?["imitates"] == "docker.io/library/alpine")
        #expect(found.contains { $0.evidence.configField == "config.Labels[org.opencontainers.image.url]" })
    }

    /// An organisation's image whose labels were inherited from a vendor base, under a tag that is no name.
    @Test(arguments: ["acme/web:1", "v1"])
    func organisationImageWithInheritedVendorLabelsIsClean(_ tag: String) throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try TarWriter.write([.directory("app/"), .file("app/run.sh", "#!/bin/sh\n", mode: 0o755)],
                            to: directory + "/l.tar")
        try FixtureImages.buildImage(
            layout: directory + "/layout", tag: tag, layers: [directory + "/l.tar:gzip"],
            extra: ["--history", "ARG BASE_IMAGE=bitnami/nginx:1.27", "--history", "COPY app /app",
                    "--label", "org.opencontainers.image.vendor=Broadcom, Inc.",
                    "--label", "org.opencontainers.image.source=https://github.com/bitnami/containers",
                    "--label", "maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>"])
        #expect(try nameFindings("oci:\(directory)/layout:\(tag)").isEmpty)
    }
}

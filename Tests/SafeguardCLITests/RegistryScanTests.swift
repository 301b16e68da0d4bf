import Foundation
import ImageModel
import ImageSources
import Report
import TestSupport
import Testing

/// A real Debian image (mmdebstrap) pushed by skopeo to a real `docker-registry` on loopback.
@Suite(.serialized) struct RegistryScanTests {
    static func registry() throws -> LocalRegistry { try LocalRegistry.shared.get() }

    /// The digest skopeo reports for what the registry serves.
    static func skopeoDigest(_ reference: String) throws -> String {
        try Shell.run(["skopeo", "inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://\(reference)"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: [("oci", MediaType.ociManifest), ("v2s2", MediaType.dockerManifest)])
    func scansARealDebianImageFromTheRegistry(_ format: String, _ mediaType: String) throws {
        let layout = try FixtureImages.debian.get()
        let reference = try Self.registry().push("oci:\(layout):bookworm", as: "debian:\(format)", format: format)
        let report = try scan(reference)

        #expect(report.image.digest.description == (try Self.skopeoDigest(reference)))
        #expect(report.image.mediaType == mediaType)
        #expect(report.image.reference == "\(reference)@\(report.image.digest)")
        #expect(report.layers.count == 2)
        #expect(report.layers.allSatisfy { $0.verified })
        // A real image is clean; mmdebstrap leaves the root directory entry and device nodes under dev/ behind,
        // which are reported at info and low.
        let unexpected = report.findings.filter {
            !($0.ruleID == "SG-PRIV-003" && $0.evidence.path?.hasPrefix("dev/") == true) && $0.severity > .info
        }
        #expect(unexpected.isEmpty, "\(unexpected.map(\.title))")
        #expect(report.findings.filter { $0.ruleID == "SG-PRIV-003" }.count == 8)
        // The inventory lists the package-owned setuid and setgid programs without flagging them.
        #expect(report.privilegedFiles.contains { $0.path == "usr/bin/su" && $0.mode == "4755" })
        // Layer 1 adds etc/safeguard-fixture, rewrites etc/hostname and whites out etc/issue.net.
        #expect(report.layers[1].filesAdded == 1)
        #expect(report.layers[1].filesChanged == 1)
        #expect(report.layers[1].filesDeleted == 1)
        // A real Debian root: thousands of files, and the package-owned setuid binaries (su, passwd, mount …).
        #expect(report.filesystem.files > 5000)
        #expect(report.filesystem.setuid >= 5)
        #expect(report.image.config.env?.first?.hasPrefix("PATH=") == true)
    }

    @Test func picksThePlatformFromATwoPlatformIndex() throws {
        let image = try SmallImage(extra: [])
        defer { image.remove() }
        try FixtureImages.buildImage(layout: image.layout, tag: "arm64", layers: [image.directory + "/base.tar:gzip"],
                                     extra: ["--platform", "linux/arm64/v8"])
        try FixtureImages.buildIndex(layout: image.layout, tag: "multi", members: ["v1", "arm64"])
        let reference = try Self.registry().push("oci:\(image.layout):multi", as: "multi:latest", all: true)

        let amd64 = try scan(reference, platform: "linux/amd64")
        let arm64 = try scan(reference, platform: "linux/arm64")
        #expect(amd64.image.platform == "linux/amd64")
        #expect(amd64.layers.count == 2)
        #expect(arm64.image.platform == "linux/arm64/v8")
        #expect(arm64.layers.count == 1)
        #expect(amd64.image.indexDigest == arm64.image.indexDigest)
        #expect(amd64.image.indexDigest != nil)
        #expect { try scan(reference, platform: "linux/s390x") } throws: { error in
            "\(error)".contains("no image for platform linux/s390x") && "\(error)".contains("linux/arm64/v8")
        }
    }

    @Test func failsClearlyForAnUnknownRepository() throws {
        let host = try Self.registry().host
        #expect { try scan("\(host)/does-not-exist:1") } throws: { error in
            ["HTTP 404", "MANIFEST_UNKNOWN", "NAME_UNKNOWN"].contains { "\(error)".contains($0) }
        }
    }

    @Test func refusesAPinnedDigestTheManifestDoesNotHave() throws {
        let image = try SmallImage()
        defer { image.remove() }
        let reference = try Self.registry().push("oci:\(image.layout):v1", as: "pinned:v1")
        let wrong = "sha256:" + String(repeating: "0", count: 64)
        #expect(throws: (any Error).self) { try scan("\(reference)@\(wrong)") }
        let repository = reference.split(separator: ":").dropLast().joined(separator: ":")
        let right = try scan("\(repository)@\(image.manifestDigest)")
        #expect(right.image.digest.description == image.manifestDigest)
    }

    @Test func listsTagsAndTheCatalog() throws {
        let image = try SmallImage()
        defer { image.remove() }
        let registry = try Self.registry()
        try registry.push("oci:\(image.layout):v1", as: "listing:a")
        try registry.push("oci:\(image.layout):v1", as: "listing:b")
        let client = try RegistryClient(registry: registry.host, host: registry.host,
                                        options: RegistryOptions(credentialStore: CredentialStore(files: [])))
        #expect(try client.tags(repository: "listing").sorted() == ["a", "b"])
        #expect(try client.catalog().contains("listing"))
    }
}

import Foundation
import ImageModel
import ImageSources
import Report
import TestSupport
import Testing

@Suite struct FileSourceTests {
    @Test(arguments: ["gzip", "zstd", "none"])
    func mergesLayersWithWhiteoutsAndOpaqueDirectories(_ compression: String) throws {
        let image = try SmallImage(compression: compression)
        defer { image.remove() }
        let report = try scan("oci:\(image.layout):v1")

        #expect(report.image.digest.description == image.manifestDigest)
        #expect(report.layers.count == 2)
        #expect(report.layers.allSatisfy { $0.verified })
        // Base: etc, etc/os-release, etc/motd, opt, opt/app, opt/app/run.sh (opt is implied, never declared).
        #expect(report.layers[0].filesAdded == 5)
        // Top: motd rewritten; os-release whited out; run.sh hidden by the opaque marker; new.sh added.
        #expect(report.layers[1].filesChanged == 1)
        #expect(report.layers[1].filesDeleted == 2)
        #expect(report.layers[1].filesAdded == 1)
        #expect(report.layers[1].createdBy == "RUN change")
        #expect(report.filesystem.files == 2)
        #expect(report.findings.isEmpty)
    }

    @Test func reportsALayerWhoseContentDoesNotMatchTheConfigDiffID() throws {
        let other = "sha256:" + String(repeating: "1", count: 64)
        let image = try SmallImage(extra: ["--diff-id-override", "1:\(other)"])
        defer { image.remove() }
        let report = try scan("oci:\(image.layout):v1")

        let finding = try #require(report.findings.first { $0.ruleID == "SG-LAYER-002" })
        #expect(finding.category == "layer.digest-mismatch")
        #expect(finding.severity == .critical)
        #expect(finding.evidence.layer?.index == 1)
        #expect(finding.evidence.facts?["expected"] == other)
        #expect(!report.layers[1].verified)
    }

    @Test func reportsASubstitutedLayerBlobOfTheSameSize() throws {
        let image = try SmallImage(compression: "none")
        defer { image.remove() }
        let layer = try image.manifest().layers[1]
        // Same size, different bytes: the registry-abuse case of a layer swapped in storage.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: image.blobPath(layer.digest.description)))
        bytes[bytes.count - 1100] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: image.blobPath(layer.digest.description)))

        let report = try scan("oci:\(image.layout):v1")
        #expect(report.findings.contains { $0.ruleID == "SG-LAYER-001" && $0.evidence.layer?.index == 1 })
        #expect(report.findings.contains { $0.ruleID == "SG-LAYER-002" && $0.evidence.layer?.index == 1 })
    }

    @Test func failsWithTheDigestWhenABlobIsTruncated() throws {
        let image = try SmallImage()
        defer { image.remove() }
        let layer = try image.manifest().layers[0]
        let path = image.blobPath(layer.digest.description)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))

        #expect { try scan("oci:\(image.layout):v1") } throws: { error in
            "\(error)".contains(layer.digest.description)
        }
    }

    @Test func failsWhenABlobIsMissingFromTheLayout() throws {
        let image = try SmallImage()
        defer { image.remove() }
        let config = try image.manifest().config
        try FileManager.default.removeItem(atPath: image.blobPath(config.digest.description))

        #expect { try scan("oci:\(image.layout):v1") } throws: { error in
            "\(error)".contains("blob \(config.digest) is missing")
        }
    }

    @Test func failsListingTheTagsWhenTheTagIsUnknown() throws {
        let image = try SmallImage()
        defer { image.remove() }
        #expect { try scan("oci:\(image.layout):nope") } throws: { error in
            "\(error)".contains("no image tagged 'nope'") && "\(error)".contains("v1")
        }
    }

    @Test func readsOCIAndDockerArchivesWrittenBySkopeo() throws {
        let image = try SmallImage()
        defer { image.remove() }
        let layoutReport = try scan("oci:\(image.layout):v1")
        try Shell.run(["skopeo", "copy", "--quiet", "oci:\(image.layout):v1",
                       "oci-archive:\(image.directory)/oci.tar:v1"])
        try Shell.run(["skopeo", "copy", "--quiet", "oci:\(image.layout):v1",
                       "docker-archive:\(image.directory)/docker.tar:example/app:v1"])

        let ociArchive = try scan("oci-archive:\(image.directory)/oci.tar:v1")
        let dockerArchive = try scan("docker-archive:\(image.directory)/docker.tar")
        for report in [ociArchive, dockerArchive] {
            #expect(report.layers.map(\.diffID) == layoutReport.layers.map(\.diffID))
            #expect(report.layers.map(\.filesDeleted) == [0, 2])
            #expect(report.findings.isEmpty)
        }
        #expect(ociArchive.image.digest == layoutReport.image.digest)
        #expect(try scan("docker-archive:\(image.directory)/docker.tar:example/app:v1").image.digest
            == dockerArchive.image.digest)
    }
}

@Suite struct IndexNestingTests {
    @Test func followsNestedIndexesUpToTheBoundThenRefuses() throws {
        let image = try SmallImage()
        defer { image.remove() }
        var previous = "v1"
        for depth in 1...ImageResolver.maxIndexDepth + 1 {
            try FixtureImages.buildIndex(layout: image.layout, tag: "nest\(depth)", members: [previous])
            previous = "nest\(depth)"
        }
        let deepestAllowed = try scan("oci:\(image.layout):nest\(ImageResolver.maxIndexDepth)")
        #expect(deepestAllowed.image.digest.description == image.manifestDigest)
        #expect { try scan("oci:\(image.layout):\(previous)") } throws: { "\($0)".contains("nest too deep") }
    }
}

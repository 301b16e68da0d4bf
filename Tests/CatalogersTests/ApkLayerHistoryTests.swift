import Catalogers
import ImageModel
import LayerPass
import SBOM
import TestSupport
import Testing

/// The apk cataloger through the engine: real tar layers, read by the layer pass with the catalogers' requests,
/// cataloged layer by layer.
@Suite struct ApkLayerHistoryTests {
    static let database = "lib/apk/db/installed"

    /// Runs the layer pass over `layers` (base first) and catalogs the result with the default catalogers.
    static func catalog(_ layers: [[TarWriter.Entry]]) throws -> SoftwareBillOfMaterials {
        let blobs = layers.map { TarWriter.archive($0) }
        let descriptors = blobs.map {
            Descriptor(mediaType: "application/vnd.oci.image.layer.v1.tar", digest: Digest.of($0),
                       size: Int64($0.count))
        }
        let byDigest = Dictionary(uniqueKeysWithValues: zip(descriptors.map(\.digest), blobs))
        let results = try LayerPass(concurrency: 2, requests: Catalog.requests(Catalog.defaultCatalogers)).run(
            layers: descriptors, diffIDs: descriptors.map(\.digest), open: { MemoryByteStream(byDigest[$0.digest]!) })
        return Catalog.run(layers: results)
    }

    static let base: [TarWriter.Entry] = [
        .directory("etc/"), .file("etc/os-release", AlpineFixture.osRelease),
        .directory("lib/"), .directory("lib/apk/"), .directory("lib/apk/db/"),
        .file(database, AlpineFixture.database([AlpineFixture.musl, AlpineFixture.busybox(),
                                                AlpineFixture.sslClient])),
        .file("bin/busybox", AlpineFixture.fileContents["bin/busybox"]!, mode: 0o755),
        .file("usr/bin/ssl_client", AlpineFixture.fileContents["usr/bin/ssl_client"]!, mode: 0o755),
    ]

    @Test func attributesEachPackageToTheLayerThatInstalledIt() throws {
        let sbom = try Self.catalog([Self.base])
        #expect(sbom.operatingSystem?.id == "alpine")
        #expect(sbom.warnings.isEmpty)
        #expect(sbom.packages.map(\.name) == ["busybox", "musl", "ssl_client"])
        #expect(sbom.packages.allSatisfy { $0.introducedLayer == 0 && $0.changedLayer == 0 })
    }

    @Test func followsAnUpgradeAndARemovalInALaterLayer() throws {
        // `apk upgrade busybox && apk del ssl_client`: the second layer rewrites the database and the files.
        let upgrade: [TarWriter.Entry] = [
            .file(Self.database, AlpineFixture.database([AlpineFixture.musl, AlpineFixture.busybox(release: "r16")])),
            .file("bin/busybox", "\u{7f}ELF busybox 1.36.1-r16\n", mode: 0o755),
            .file("usr/bin/.wh.ssl_client"),
        ]
        let sbom = try Self.catalog([Self.base, upgrade])

        #expect(sbom.packages.map(\.name) == ["busybox", "musl"])
        let musl = try #require(sbom.packages.first { $0.name == "musl" })
        #expect(musl.introducedLayer == 0)
        #expect(musl.changedLayer == 0)  // its record is the same in the rewritten database
        let busybox = try #require(sbom.packages.first { $0.name == "busybox" })
        #expect(busybox.version == "1.36.1-r16")
        #expect(busybox.purl == "pkg:apk/alpine/busybox@1.36.1-r16?arch=x86_64&distro=alpine-3.19.1")
        #expect(busybox.introducedLayer == 1)
        #expect(busybox.changedLayer == 1)
        #expect(!sbom.packages.contains { $0.name == "ssl_client" })
        #expect(sbom.warnings.isEmpty)
    }

    @Test func forgetsEveryPackageWhenALayerDeletesTheDatabase() throws {
        let sbom = try Self.catalog([Self.base, [.file("lib/apk/db/.wh.installed")]])
        #expect(sbom.packages.isEmpty)
        #expect(sbom.operatingSystem?.id == "alpine")
    }

    @Test func dropsTheWarningOnceALaterLayerRepairsTheDatabase() throws {
        let broken: [TarWriter.Entry] = [.file(Self.database, "P:musl\nV:1.2.4_git2023")]
        let repaired: [TarWriter.Entry] = [.file(Self.database, AlpineFixture.database([AlpineFixture.musl]))]

        let brokenSBOM = try Self.catalog([Self.base, broken])
        #expect(brokenSBOM.packages.isEmpty)
        #expect(brokenSBOM.warnings.map(\.layer) == [1])
        #expect(brokenSBOM.warnings.map(\.path) == [Self.database])

        let repairedSBOM = try Self.catalog([Self.base, broken, repaired])
        #expect(repairedSBOM.warnings.isEmpty)
        let musl = try #require(repairedSBOM.packages.first)
        // The broken layer's catalog had no musl, so the run of layers that have it starts again at layer 2.
        #expect(musl.introducedLayer == 2)
    }
}

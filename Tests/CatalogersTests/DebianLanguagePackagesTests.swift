import Catalogers
import Foundation
import ImageModel
import ImageSources
import LayerPass
import SBOM
import TestSupport
import Testing

/// A real Debian root filesystem with Python, Node and Ruby packages installed by apt (mmdebstrap), streamed through
/// the layer pass with the default catalogers' requests and cataloged as a scan does, then compared with what
/// Python's own parsers read from the same tar (`tools/language-packages.py`).
@Suite struct DebianLanguagePackagesTests {

    /// What Python read from the tar.
    struct Oracle: Decodable {
        struct Distribution: Decodable {
            var name: String
            var version: String
            var path: String
            /// Root-relative path → SHA-256 digests (hex) of a file the RECORD lists and the tar holds.
            var files: [String: Digests]
        }
        struct Digests: Decodable {
            /// What the RECORD says; nil for rows without a SHA-256.
            var recorded: String?
            /// The file's bytes in the tar.
            var actual: String
        }
        struct NodePackage: Decodable {
            var name: String
            var version: String
            var path: String
        }
        struct Specification: Decodable {
            /// The file name without `.gemspec`: `name-version` as RubyGems names it.
            var file: String
            var path: String
        }
        var python: [Distribution]
        var npm: [NodePackage]
        var gem: [Specification]
    }

    struct Fixture {
        var layer: LayerResult
        var sbom: SoftwareBillOfMaterials
        var oracle: Oracle

        func packages(_ type: PackageType) -> [Package] { sbom.packages.filter { $0.type == type } }
    }

    /// Built once: the rootfs tarball is cached between runs by `scripts/debian-rootfs.sh`.
    static let fixture: Result<Fixture, any Error> = Result {
        let tar = try FixtureImages.languageRootfs.get()
        let size = try FileManager.default.attributesOfItem(atPath: tar)[.size] as? Int64 ?? 0
        let hex = try Shell.run(["sha256sum", tar]).stdout.prefix(64)
        let digest = try Digest(parsing: "sha256:" + hex)
        let descriptor = Descriptor(mediaType: "application/vnd.oci.image.layer.v1.tar", digest: digest, size: size)
        let layers = try LayerPass(requests: Catalog.requests(Catalog.defaultCatalogers))
            .run(layers: [descriptor], diffIDs: [digest], open: { _ in try FileStream(path: tar) })
        let oracleJSON = try Shell.run(["python3", FixtureImages.toolsDirectory + "/language-packages.py", tar])
        let oracle = try JSONDecoder().decode(Oracle.self, from: Data(oracleJSON.standardOutput))
        return Fixture(layer: layers[0], sbom: Catalog.run(layers: layers), oracle: oracle)
    }

    @Test func readsTheWholeRootfsAndWarnsAboutNothing() throws {
        let fixture = try Self.fixture.get()
        #expect(fixture.layer.digestMatches && fixture.layer.diffIDMatches)
        #expect(fixture.layer.interruption == nil)
        #expect(fixture.sbom.warnings == [])
        // The other catalogers still run beside the language ones.
        #expect(fixture.sbom.operatingSystem?.id == "debian")
        #expect(fixture.packages(.deb).contains { $0.name == "python3-requests" })
    }

    @Test func findsEveryPythonDistributionPythonFinds() throws {
        let fixture = try Self.fixture.get()
        let found = Set(fixture.packages(.pypi).flatMap { package in
            package.locations.filter { !$0.hasSuffix("/RECORD") }.map { "\(package.name) \(package.version) \($0)" }
        })
        let expected = Set(fixture.oracle.python.map { "\($0.name) \($0.version) \($0.path)" })
        #expect(found == expected)
        // Both kinds of metadata are in this rootfs: wheels' dist-info and setuptools' egg-info.
        #expect(expected.contains { $0.hasPrefix("PyYAML 6.0 ") && $0.hasSuffix(".dist-info/METADATA") })
        #expect(expected.contains { $0.hasPrefix("requests 2.28.1 ") && $0.hasSuffix(".egg-info/PKG-INFO") })
    }

    @Test func recordsTheDigestsEachRecordLists() throws {
        let fixture = try Self.fixture.get()
        var compared = 0
        var modified: [String] = []
        for distribution in fixture.oracle.python where !distribution.files.isEmpty {
            let package = try #require(fixture.packages(.pypi).first { $0.name == distribution.name })
            let recorded = Dictionary(package.files.map { ($0.path, $0.digest) }) { first, _ in first }
            for (path, digests) in distribution.files {
                #expect(recorded[path] == digests.recorded.map { "sha256:" + $0 }, "\(distribution.name): \(path)")
                compared += 1
                if let digest = digests.recorded, digest != digests.actual { modified.append(path) }
            }
        }
        #expect(compared > 500)  // pip alone installs about 500 files
        // Debian strips shared objects after the wheel recorded them, so only those differ from their RECORD:
        // a check of installed files against RECORD digests must expect this.
        #expect(!modified.isEmpty && modified.allSatisfy { $0.hasSuffix(".so") }, "\(modified)")
    }

    @Test func findsEveryNodePackageAtAPackageRoot() throws {
        let fixture = try Self.fixture.get()
        let found = Set(fixture.packages(.npm).flatMap { package in
            package.locations.map { "\(package.name) \(package.version) \($0)" }
        })
        let expected = Set(fixture.oracle.npm.map { "\($0.name) \($0.version) \($0.path)" })
        #expect(found == expected)
        #expect(fixture.packages(.npm).contains { $0.purl == "pkg:npm/%40types/debug@4.1.7" })
        #expect(fixture.packages(.npm).first { $0.name == "busboy" }?.licenses == ["MIT"])  // a legacy `licenses` array
    }

    @Test func findsEveryGemSpecificationUnderTheNameRubyGemsGaveIt() throws {
        let fixture = try Self.fixture.get()
        let found = Set(fixture.packages(.gem).flatMap { package in
            package.locations.map { "\(package.name)-\(package.version) \($0)" }
        })
        let expected = Set(fixture.oracle.gem.map { "\($0.file) \($0.path)" })
        #expect(found == expected)
        let rack = fixture.packages(.gem).first { $0.name == "rack" }
        #expect(rack?.version == "2.2.22")
        #expect(rack?.licenses == ["MIT"])
        // Debian's ruby-json gemspec has NUL bytes in a comment; it is still read.
        #expect(fixture.packages(.gem).contains { $0.name == "json" && $0.version == "2.6.3" })
    }
}

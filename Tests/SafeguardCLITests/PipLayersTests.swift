import Foundation
import SafeguardCLI
import SBOM
import TestSupport
import Testing

/// Python packages that pip really installed, upgraded and removed in later layers of a Debian image
/// (`scripts/pip-image.sh`): the SBOM must list what `pip inspect` listed at that point, and date each package to
/// the layer that brought in its version.
@Suite struct PipLayersTests {
    /// What `pip inspect` printed, reduced to what the SBOM is compared on.
    struct Inspection: Decodable {
        struct Distribution: Decodable {
            struct Metadata: Decodable {
                var name: String
                var version: String
            }
            var metadata: Metadata
            var metadataLocation: String

            enum CodingKeys: String, CodingKey {
                case metadata
                case metadataLocation = "metadata_location"
            }
        }
        var installed: [Distribution]
    }

    /// `name version directory` for each distribution pip listed after building `tag`.
    static func pipInspect(_ layout: String, _ tag: String) throws -> Set<String> {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(layout)/pip-inspect-\(tag).json"))
        return Set(try JSONDecoder().decode(Inspection.self, from: data).installed.map { distribution in
            let directory = distribution.metadataLocation.split(separator: "/").dropLast().joined(separator: "/")
            return "\(distribution.metadata.name) \(distribution.metadata.version) \(directory)"
        })
    }

    /// `name version directory` for each Python package of the SBOM, from the path of its metadata file.
    static func listed(_ packages: [Package]) -> Set<String> {
        Set(packages.filter { $0.type == .pypi }.map { package in
            let metadata = package.locations.first { !$0.hasSuffix("/RECORD") } ?? ""
            let directory = metadata.split(separator: "/").dropLast(2).joined(separator: "/")
            return "\(package.name) \(package.version) \(directory)"
        })
    }

    static let pipDirectory = "usr/local/lib/python3.11/dist-packages"
    static let debianDirectory = "usr/lib/python3/dist-packages"

    @Test(arguments: ["installed", "upgraded"])
    func pythonPackagesEqualWhatPipListed(tag: String) throws {
        let layout = try FixtureImages.pipLayers.get()
        let sbom = try #require(try scan("oci:\(layout):\(tag)").sbom)
        let found = Self.listed(sbom.packages)
        let expected = try Self.pipInspect(layout, tag)
        #expect(expected.contains { $0.hasSuffix(Self.pipDirectory) })
        #expect(expected.isSubset(of: found), "missed: \(expected.subtracting(found))")
        // pip lists the first distribution of a name on sys.path only: Debian's idna and PyYAML, which pip's own
        // shadow from /usr/local, are still on disk, and a scanner must list them.
        let pipNames = Set(expected.filter { $0.hasSuffix(Self.pipDirectory) }.map { $0.split(separator: " ")[0] })
        let shadowed = found.subtracting(expected)
        #expect(shadowed.allSatisfy { entry in
            entry.hasSuffix(Self.debianDirectory) && pipNames.contains(entry.split(separator: " ")[0])
        }, "listed beyond pip: \(shadowed)")
        #expect(sbom.warnings == [])
    }

    @Test func upgradeAndRemovalInALaterLayerAreAttributed() throws {
        let layout = try FixtureImages.pipLayers.get()
        let installed = try #require(try scan("oci:\(layout):installed").sbom).packages.filter { $0.type == .pypi }
        let upgraded = try #require(try scan("oci:\(layout):upgraded").sbom).packages.filter { $0.type == .pypi }
        func layers(_ packages: [Package], _ name: String, _ version: String) -> [[Int?]] {
            packages.filter { $0.name == name && $0.version == version }.map { [$0.introducedLayer, $0.changedLayer] }
        }

        // Layer 1: pip installs three distributions beside Debian's.
        #expect(layers(installed, "attrs", "23.1.0") == [[1, 1]])
        #expect(layers(installed, "idna", "3.6") == [[1, 1]])
        #expect(layers(installed, "PyYAML", "6.0.1") == [[1, 1]])
        // Layer 2: idna upgraded in place (3.6's dist-info whited out), attrs uninstalled.
        #expect(layers(upgraded, "idna", "3.7") == [[2, 2]])
        #expect(layers(upgraded, "idna", "3.6").isEmpty)
        #expect(layers(upgraded, "attrs", "23.1.0").isEmpty)
        // What layer 2 did not touch keeps its dates, pip's and Debian's alike.
        #expect(layers(upgraded, "PyYAML", "6.0.1") == [[1, 1]])
        #expect(layers(upgraded, "idna", "3.3") == [[0, 0]])
        #expect(layers(upgraded, "PyYAML", "6.0") == [[0, 0]])
    }
}

/// The parts of a CycloneDX 1.6 JSON document the writer fills, keys as the schema spells them.
enum CycloneDX {
    /// The whole BOM.
    struct BOM: Encodable {
        var schema = "http://cyclonedx.org/schema/bom-1.6.schema.json"
        var bomFormat = "CycloneDX"
        var specVersion = "1.6"
        var serialNumber: String
        var version = 1
        var metadata: Metadata
        var components: [Component]
        var dependencies: [Dependency]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case bomFormat, specVersion, serialNumber, version, metadata, components, dependencies
        }
    }

    /// When and by what the BOM was made, and what it describes.
    struct Metadata: Encodable {
        var timestamp: String
        var tools: Tools
        var component: Component
        var properties: [Property]?
    }

    /// The tools that made the BOM, as components (the 1.5+ form).
    struct Tools: Encodable {
        var components: [Component]
    }

    /// A component: the image, the operating system, a package or the tool.
    struct Component: Encodable {
        var type: String
        var bomRef: String?
        var name: String
        var version: String?
        var description: String?
        var hashes: [Hash]?
        var licenses: [License]?
        var purl: String?
        var properties: [Property]?

        enum CodingKeys: String, CodingKey {
            case type, bomRef = "bom-ref", name, version, description, hashes, licenses, purl, properties
        }
    }

    /// A digest of a component.
    struct Hash: Encodable {
        var alg: String
        var content: String
    }

    /// One entry of a `licenses` array: a licence by SPDX identifier or by name, or one SPDX expression.
    enum License: Encodable, Equatable {
        case identifier(String)
        case name(String)
        case expression(String)

        private enum Keys: String, CodingKey { case license, expression, id, name }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch self {
            case .identifier(let identifier):
                var license = container.nestedContainer(keyedBy: Keys.self, forKey: .license)
                try license.encode(identifier, forKey: .id)
            case .name(let name):
                var license = container.nestedContainer(keyedBy: Keys.self, forKey: .license)
                try license.encode(name, forKey: .name)
            case .expression(let expression):
                try container.encode(expression, forKey: .expression)
            }
        }
    }

    /// A name and value the spec has no field for.
    struct Property: Encodable {
        var name: String
        var value: String
    }

    /// The components one component depends on, by `bom-ref`.
    struct Dependency: Encodable {
        var ref: String
        var dependsOn: [String]
    }
}

import Foundation
import ImageModel
import Lineage
import Testing

/// Catalog files, YAML and JSON, read into entries; hostile files refused with the file and where named.
struct CatalogReadingTests {
    static let digestA = "sha256:" + String(repeating: "a", count: 64)
    static let digestB = "sha256:" + String(repeating: "b", count: 64)
    static let layer1 = "sha256:" + String(repeating: "1", count: 64)
    static let layer2 = "sha256:" + String(repeating: "2", count: 64)

    static let yaml = """
        # vetted bases
        images:
          - repository: debian
            owner: platform-team
            notes: "bookworm, minimal"
            digests:
              - digest: \(digestA)
                diff_ids: [\(layer1)]
          - repository: registry.example/base/python
            digests:
              - digest: \(digestB)
                diff_ids:
                  - \(layer1)
                  - \(layer2)
        """

    @Test func readsEntriesInTheFilesOrderWithNormalisedNames() throws {
        let catalog = try BaseCatalog.parse(Array(Self.yaml.utf8), file: "bases.yaml")
        #expect(catalog.repositoryNames == ["docker.io/library/debian", "registry.example/base/python"])
        #expect(catalog.entries[0].owner == "platform-team")
        #expect(catalog.entries[0].notes == "bookworm, minimal")
        #expect(catalog.entries[1].digests[0].diffIDs.map(\.description) == [Self.layer1, Self.layer2])
        #expect(catalog.approves(try Digest(parsing: Self.digestB), in: "registry.example/base/python"))
        #expect(!catalog.approves(try Digest(parsing: Self.digestB), in: "docker.io/library/debian"))
        #expect(!catalog.isJSON)
    }

    @Test func readsTheSameCatalogFromJSON() throws {
        let json = """
            {"images": [{"repository": "debian", "owner": "platform-team", "notes": "bookworm, minimal",
                         "digests": [{"digest": "\(Self.digestA)", "diff_ids": ["\(Self.layer1)"]}]},
                        {"repository": "registry.example/base/python",
                         "digests": [{"digest": "\(Self.digestB)", "diff_ids": ["\(Self.layer1)", "\(Self.layer2)"]}]}]}
            """
        let fromJSON = try BaseCatalog.parse(Array(json.utf8), file: "bases.json")
        let fromYAML = try BaseCatalog.parse(Array(Self.yaml.utf8), file: "bases.json")
        #expect(fromJSON.entries == fromYAML.entries)
        #expect(fromJSON.isJSON)
    }

    @Test func readsAnEmptyFileAsAnEmptyCatalog() throws {
        #expect(try BaseCatalog.parse([], file: "empty.yaml").entries.isEmpty)
        #expect(try BaseCatalog.parse(Array("images: []\n".utf8), file: "empty.yaml").entries.isEmpty)
    }

    /// Ten anchors, each a list of ten aliases of the one before: 10^10 nodes expanded from a few hundred bytes.
    static let billionLaughs: String = {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<10 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(aliases)]\n"
        }
        return text
    }()

    /// Forty anchors, each a list holding an alias of the one before: nesting forty deep without one bracket more.
    static let deepAliases = (1..<40).reduce("a0: &a0 [x]\n") { text, level in
        text + "a\(level): &a\(level) [*a\(level - 1)]\n"
    }

    static let entry = "images:\n  - repository: debian\n    digests:\n      - digest: \(digestA)\n"

    static let hostile: [(String, String, String)] = [
        // Not YAML at all: an unclosed flow sequence; the error says where libyaml gave up.
        ("unclosed flow", "images: [\n", "not valid YAML"),
        // A tab where YAML forbids one.
        ("tab indentation", "images:\n\t- repository: debian\n", "(line 2, column 1)"),
        // The billion laughs: refused once the expansion passes the node bound, not after building it.
        ("alias bomb", billionLaughs, "more than 200000 values once aliases are expanded"),
        // Nesting built from aliases: each anchor holds the one before one level deeper, no bracket needed.
        ("deep aliases", deepAliases, "nested deeper than 16 levels"),
        // Nesting far past what the schema needs, in both syntaxes.
        ("deep YAML", String(repeating: "[", count: 10_000), "nested deeper than 16 levels"),
        ("deep JSON", String(repeating: "[", count: 100_000), "nested deeper than 16 levels"),
        // An alias to an anchor never defined.
        ("undefined alias", "images: *nowhere\n", "alias *nowhere is undefined"),
        // Two documents: one reader would take the first, another the last.
        ("two documents", "images: []\n---\nimages: []\n", "more than one YAML document"),
        // A key given twice in one mapping.
        ("duplicate key", "images: []\nimages: []\n", "images: given twice in one mapping"),
        // Wrong types at each level.
        ("root is a list", "- debian\n", "$ must be a mapping"),
        ("images is a string", "images: debian\n", "images must be a list"),
        ("entry is a string", "images: [debian]\n", "images[0] must be a mapping"),
        ("owner is a list", "images:\n  - repository: debian\n    owner: [a, b]\n", "images[0].owner must be a string"),
        ("digests is a mapping", "images:\n  - repository: debian\n    digests: {a: b}\n",
         "images[0].digests must be a list"),
        // A misspelt field is refused rather than read as an entry with nothing approved.
        ("misspelt field", "images:\n  - repository: debian\n    digest: []\n", "unknown field images[0].digest"),
        ("missing repository", "images:\n  - owner: team\n", "images[0].repository is missing"),
        ("bad repository", "images:\n  - repository: Not/A/Repo!\n", "images[0].repository must be a repository"),
        ("missing diff_ids", entry, "images[0].digests[0].diff_ids is missing"),
        // An empty layer list would be a prefix of every image.
        ("empty diff_ids", entry + "        diff_ids: []\n", "images[0].digests[0].diff_ids must be a non-empty"),
        ("bad digest", "images:\n  - repository: debian\n    digests:\n      - digest: md5:abc\n"
            + "        diff_ids: [\(layer1)]\n", "images[0].digests[0].digest must be a digest"),
        ("bad diff_id", entry + "        diff_ids: [sha256:short]\n",
         "images[0].digests[0].diff_ids[0] must be a digest"),
        // Two entries for one repository, written two ways.
        ("repository twice", "images:\n  - repository: debian\n  - repository: docker.io/library/debian\n",
         "docker.io/library/debian is already listed"),
        ("complex key", "? [a, b]\n: c\n", "a mapping key must be a plain string"),
        ("JSON syntax", "{\"images\": [}", "not valid JSON"),
        ("JSON wrong type", "{\"images\": 3}", "images must be a list"),
        ("overlong owner", "images:\n  - repository: debian\n    owner: \(String(repeating: "x", count: 5000))\n",
         "images[0].owner must be a string of 1 to 4096 bytes"),
    ]

    @Test(arguments: hostile)
    func refusesHostileCatalogsNamingTheFileAndPlace(_ name: String, _ text: String, _ expected: String) {
        do {
            let catalog = try BaseCatalog.parse(Array(text.utf8), file: "hostile.yaml")
            Issue.record("\(name): accepted as \(catalog.entries)")
        } catch {
            #expect(error.description.hasPrefix("catalog hostile.yaml"), "\(name): \(error)")
            #expect(error.description.contains(expected), "\(name): \(error)")
        }
    }

    /// Bytes no one wrote as YAML, and valid catalogs cut short or with a byte changed: refused or read, never a
    /// crash or a hang.
    @Test func survivesArbitraryBytes() {
        var generator = SystemRandomNumberGenerator()
        let valid = Array(Self.yaml.utf8)
        for round in 0..<2000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in UInt8.random(in: 0...255) }
            case 1: bytes = Array(valid.prefix(Int.random(in: 0...valid.count, using: &generator)))
            default:
                bytes = valid
                bytes[Int.random(in: 0..<valid.count, using: &generator)] = UInt8.random(in: 0...255)
            }
            _ = try? BaseCatalog.parse(bytes, file: "random.yaml")
        }
    }

    @Test func namesTheLineAndColumnOfAWrongType() {
        #expect(throws: CatalogError.invalidValue(file: "f.yaml", field: "images[0].owner",
                                                  mark: CatalogMark(line: 3, column: 12), expected: "a string")) {
            try BaseCatalog.parse(Array("images:\n  - repository: debian\n    owner: [a]\n".utf8), file: "f.yaml")
        }
    }

    @Test func refusesAFileLargerThanTheBound() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.yaml").path
        try Data(repeating: 0x20, count: CatalogLimits.maxFileBytes + 1).write(to: URL(fileURLWithPath: file))
        #expect(throws: CatalogError.tooLarge(file: file, limit: CatalogLimits.maxFileBytes)) {
            try BaseCatalog.load(file)
        }
        #expect(throws: CatalogError.self) { try BaseCatalog.load(directory.path + "/missing.yaml") }
    }
}

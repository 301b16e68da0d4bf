import Foundation
import ImageModel
import Lineage
import Testing

/// `catalog add`'s model: digests added to entries in place, new entries at the end, the file rewritten atomically
/// in its own format, and what it writes read back unchanged.
struct CatalogWritingTests {
    static func digest(_ character: Character) -> Digest {
        try! Digest(parsing: "sha256:" + String(repeating: character, count: 64))
    }

    static func approved(_ character: Character, layers: [Character]) -> BaseCatalog.ApprovedDigest {
        BaseCatalog.ApprovedDigest(digest: digest(character), diffIDs: layers.map(digest))
    }

    @Test func addsDigestsInPlaceAndNewRepositoriesAtTheEnd() throws {
        var catalog = BaseCatalog(file: "c.yaml")
        try catalog.add(repository: "debian", digest: Self.approved("a", layers: ["1"]), owner: "platform", notes: nil)
        try catalog.add(repository: "alpine", digest: Self.approved("b", layers: ["2"]), owner: "platform", notes: "x")
        try catalog.add(repository: "docker.io/library/debian", digest: Self.approved("c", layers: ["3", "4"]),
                        owner: "platform", notes: "later notes do not replace none")
        try catalog.add(repository: "debian", digest: Self.approved("a", layers: ["1"]), owner: "platform", notes: nil)
        #expect(catalog.entries.map(\.repository) == ["debian", "alpine"])
        #expect(catalog.entries[0].digests.map(\.digest) == [Self.digest("a"), Self.digest("c")])
        #expect(catalog.entries[0].notes == "later notes do not replace none")
    }

    @Test func refusesAnotherOwnerAndADigestWithOtherLayers() throws {
        var catalog = BaseCatalog(file: "c.yaml")
        try catalog.add(repository: "debian", digest: Self.approved("a", layers: ["1"]), owner: "platform", notes: nil)
        #expect(throws: CatalogError.self) {
            try catalog.add(repository: "debian", digest: Self.approved("b", layers: ["1"]), owner: "other", notes: nil)
        }
        #expect(throws: CatalogError.self) {
            try catalog.add(repository: "debian", digest: Self.approved("a", layers: ["2"]), owner: "platform",
                            notes: nil)
        }
    }

    @Test(arguments: [false, true])
    func writesWhatItReadsBackUnchangedInEitherFormat(_ json: Bool) throws {
        var catalog = BaseCatalog(file: "c", isJSON: json)
        // Owners and notes that would break naive YAML: a new key, an alias, a document marker, control bytes.
        try catalog.add(repository: "debian", digest: Self.approved("a", layers: ["1", "2"]),
                        owner: "team\nimages: *x", notes: "--- \"quoted\" \\ \u{7}\u{85} é 😀 no")
        try catalog.add(repository: "ghcr.io/org/base", digest: Self.approved("b", layers: ["3"]), owner: "yes",
                        notes: nil)
        let reread = try BaseCatalog.parse(Array(catalog.rendered().utf8), file: "c")
        #expect(reread.entries == catalog.entries)
        #expect(reread.isJSON == json)
    }

    @Test func savesBesideTheFileAndRenamesOverIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var catalog = BaseCatalog(file: directory + "/bases.yaml")
        try catalog.add(repository: "debian", digest: Self.approved("a", layers: ["1"]), owner: "platform", notes: nil)
        try catalog.save()
        var loaded = try BaseCatalog.load(directory + "/bases.yaml")
        try loaded.add(repository: "alpine", digest: Self.approved("b", layers: ["2"]), owner: "platform", notes: nil)
        try loaded.save()
        #expect(try BaseCatalog.load(directory + "/bases.yaml").repositoryNames
                == ["docker.io/library/debian", "docker.io/library/alpine"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["bases.yaml"])
    }
}

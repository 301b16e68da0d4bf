import Foundation
import SafeguardCLI
import TestSupport
import Testing

/// `catalog add` and `scan --catalog` refuse what they cannot use with the usage status, before reading an image.
struct CatalogCommandTests {
    @Test(arguments: [
        ["catalog"],  // no action
        ["catalog", "remove", "debian", "--catalog", "c.yaml", "--owner", "t"],  // unknown action
        ["catalog", "add", "debian", "--owner", "t"],  // no --catalog
        ["catalog", "add", "debian", "--catalog", "c.yaml"],  // no --owner
        ["catalog", "add", "--catalog", "c.yaml", "--owner", "t"],  // no image
        ["catalog", "add", "debian", "--catalog", "c.yaml", "--owner", "t", "--fail-on", "high"],  // scan's option
        ["inspect", "--catalog", "c.yaml", "debian"],  // an option inspect does not take
    ])
    func refusesIncompleteCatalogCommands(_ arguments: [String]) {
        #expect(Command.main(arguments) == .error)
    }

    @Test func printsItsHelp() {
        #expect(Command.main(["catalog", "--help"]) == .success)
        #expect(Command.main(["help", "catalog"]) == .success)
    }

    /// A hostile catalog stops the scan with an error naming the file, not a crash or a scan without lineage.
    @Test(arguments: ["images: *bomb\n", String(repeating: "[", count: 50_000), "images:\n  - repository: Bad!\n"])
    func refusesAScanWithAnUnusableCatalog(_ text: String) throws {
        let image = try SmallImage()
        defer { image.remove() }
        let catalog = image.directory + "/bases.yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: catalog))
        #expect(Command.main(["scan", "-q", "--catalog", catalog, "oci:\(image.layout):v1"]) == .error)
        #expect(Command.main(["scan", "-q", "--catalog", image.directory + "/missing.yaml",
                              "oci:\(image.layout):v1"]) == .error)
    }
}

@testable import Catalogers
import SBOM
import Testing

@Suite struct ComposerCatalogerTests {
    /// Entries shaped as Composer writes them (trimmed: the real ones also carry source, dist, autoload, …).
    static let psrLog = #"""
        {"name": "psr/log", "version": "3.0.0", "version_normalized": "3.0.0.0", "type": "library",
         "license": ["MIT"], "install-path": "../psr/log"}
        """#
    static let monolog = #"""
        {"name": "monolog/monolog", "version": "v2.9.1", "require": {"php": ">=7.2"}, "license": ["MIT"]}
        """#

    @Test func readsComposer2InstalledJSON() {
        let path = "var/www/app/vendor/composer/installed.json"
        let document = #"{"packages": ["# + Self.psrLog + "," + Self.monolog
            + #"], "dev": true, "dev-package-names": []}"#
        let output = ComposerCataloger().catalog(view([path: document]))

        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.name) == ["psr/log", "monolog/monolog"])
        #expect(output.packages.map(\.purl) == ["pkg:composer/psr/log@3.0.0", "pkg:composer/monolog/monolog@v2.9.1"])
        #expect(output.packages.map(\.licenses) == [["MIT"], ["MIT"]])
        #expect(output.packages.allSatisfy { $0.type == .composer && $0.locations == [path] })
    }

    @Test func readsComposer1InstalledJSON() {
        let output = ComposerCataloger().catalog(view(["vendor/composer/installed.json": "[" + Self.psrLog + "]"]))
        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.name) == ["psr/log"])
    }

    @Test(arguments: [
        ("vendor/composer/installed.json", true),
        ("var/www/html/vendor/composer/installed.json", true),
        ("srv/app/vendor/composer/installed.json.bak", false),
        ("srv/app/myvendor/composer/installed.json", false),
        ("srv/app/vendor/composer/installed.php", false),
        ("srv/app/composer.lock", false),
    ])
    func asksForInstalledJSONOnly(_ path: String, _ wanted: Bool) {
        #expect(ComposerCataloger.isInstalledFile(path) == wanted)
    }

    /// Hostile or broken files: a warning naming the file and what was wrong, never a crash. Good entries beside
    /// bad ones are still read.
    @Test(arguments: [
        // Not JSON.
        ("not JSON", #"{"packages": [}"#, 0, "not JSON"),
        // JSON of the wrong shape at the top.
        ("number", "42", 0, "neither an array of packages (Composer 1) nor an object with 'packages' (Composer 2)"),
        ("object without packages", #"{"name": "psr/log", "version": "3.0.0"}"#, 0,
         "an object without a 'packages' array (Composer 2's shape)"),
        ("packages is an object", #"{"packages": {"psr/log": "3.0.0"}}"#, 0,
         "an object without a 'packages' array (Composer 2's shape)"),
        // Wrong shapes inside: named once (the first), the good entry kept.
        ("entry is a string", #"["psr/log", "# + psrLog + "]", 1,
         "package 0: not an object with a string name and version"),
        ("version is a number", #"{"packages": ["# + psrLog + #", {"name": "a/b", "version": 1}]}"#, 1,
         "package 1: not an object with a string name and version"),
        ("many bad entries", "[" + Array(repeating: "null", count: 10_000).joined(separator: ",") + "]", 0,
         "package 0: not an object with a string name and version"),
        // Nesting past the bound.
        ("deep nesting", #"{"packages": "# + String(repeating: "[", count: 100_000), 0,
         "JSON nested deeper than 64 levels"),
    ] as [(String, String, Int, String)])
    func warnsAboutWrongShapesNamingTheFile(_ label: String, _ document: String, _ packageCount: Int,
                                            _ message: String) {
        let path = "srv/app/vendor/composer/installed.json"
        let output = ComposerCataloger().catalog(view([path: document]))
        #expect(output.packages.count == packageCount, "\(label)")
        #expect(output.warnings.count == 1, "\(label)")
        #expect(output.warnings.first?.path == path, "\(label)")
        #expect(output.warnings.first?.message.hasPrefix(message) == true,
                "\(label): \(output.warnings.first?.message ?? "no warning")")
    }

    @Test func emptyInstallationsAreNotWarnedAbout() {
        let output = ComposerCataloger().catalog(view(["a/vendor/composer/installed.json": "[]",
                                                       "b/vendor/composer/installed.json": #"{"packages": []}"#]))
        #expect(output.packages.isEmpty)
        #expect(output.warnings.isEmpty)
    }
}

@testable import Catalogers
import SBOM
import Testing

@Suite struct NpmCatalogerTests {
    @Test func readsPackagesUnderNodeModulesAndDebiansNodejsDirectory() {
        let output = NpmCataloger().catalog(view([
            "usr/share/nodejs/debug/package.json": #"{"name": "debug", "version": "4.3.4", "license": "MIT"}"#,
            "usr/share/nodejs/@types/debug/package.json": #"{"name": "@types/debug", "version": "4.1.7"}"#,
            "app/node_modules/ms/package.json": #"{"name": "ms", "version": "2.1.3", "license": {"type": "MIT"}}"#,
            "app/node_modules/a/node_modules/@scope/b/package.json": #"{"name": "@scope/b", "version": "1.0.0"}"#,
            // A workspace root and a package without a version: not installed packages, silently left out.
            "app/node_modules/workspace/package.json": #"{"private": true, "workspaces": ["packages/*"]}"#,
            "app/node_modules/unversioned/package.json": #"{"name": "unversioned"}"#,
        ]))

        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.name) == ["@scope/b", "ms", "@types/debug", "debug"])
        #expect(output.packages.map(\.purl) == ["pkg:npm/%40scope/b@1.0.0", "pkg:npm/ms@2.1.3",
                                                "pkg:npm/%40types/debug@4.1.7", "pkg:npm/debug@4.3.4"])
        #expect(output.packages.map(\.licenses) == [[], ["MIT"], [], ["MIT"]])
        #expect(output.packages.allSatisfy { $0.type == .npm && $0.locations.count == 1 })
    }

    @Test func mergesTheSameVersionNestedTwice() {
        let manifest = #"{"name": "ms", "version": "2.1.3"}"#
        let output = NpmCataloger().catalog(view(["node_modules/ms/package.json": manifest,
                                                  "node_modules/debug/node_modules/ms/package.json": manifest]))
        #expect(output.packages.count == 1)
        #expect(output.packages.first?.locations.count == 2)
    }

    /// Every shape of licence npm has accepted over the years.
    @Test(arguments: [
        (#""license": "MIT""#, ["MIT"]),
        (#""license": "(MIT OR Apache-2.0)""#, ["(MIT OR Apache-2.0)"]),
        (#""license": {"type": "ISC", "url": "https://example.org"}"#, ["ISC"]),
        (#""licenses": [{"type": "MIT", "url": "u"}, {"type": "Apache-2.0"}]"#, ["MIT", "Apache-2.0"]),
        (#""licenses": ["BSD-2-Clause", "BSD-2-Clause"]"#, ["BSD-2-Clause"]),
        (#""license": 42, "licenses": {"url": "no type"}"#, []),
        (#""license": """#, []),
    ])
    func readsEveryLicenceShape(_ field: String, _ expected: [String]) {
        let path = "node_modules/x/package.json"
        let output = NpmCataloger().catalog(view([path: #"{"name": "x", "version": "1.0.0", "# + field + "}"]))
        #expect(output.packages.first?.licenses == expected)
    }

    @Test(arguments: [
        ("node_modules/x/package.json", true),
        ("app/node_modules/x/package.json", true),
        ("app/node_modules/@scope/x/package.json", true),
        ("app/node_modules/x/node_modules/y/package.json", true),
        ("usr/share/nodejs/semver/package.json", true),
        ("usr/share/nodejs/@types/node/package.json", true),
        ("usr/lib/nodejs/x/package.json", true),
        ("usr/lib/x86_64-linux-gnu/nodejs/x/package.json", true),
        // Files inside a package, not its root: build markers, fixtures, bundled components.
        ("app/node_modules/x/lib/package.json", false),
        ("usr/share/nodejs/undici/types/package.json", false),
        ("app/node_modules/@scope/package.json", false),
        ("app/node_modules/package.json", false),
        ("app/my_node_modules/x/package.json", false),
        // Manifests outside installed-package directories: an application's own, an editor extension's.
        ("app/package.json", false),
        ("usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package.json", false),
        ("usr/lib//nodejs/x/package.json", false),
        ("usr/lib/a/b/nodejs/x/package.json", false),
        ("node_modules/x/package.json.orig", false),
    ])
    func asksForPackageRootManifestsOnly(_ path: String, _ wanted: Bool) {
        #expect(NpmCataloger.isPackageManifest(path) == wanted)
    }

    /// Hostile or broken manifests at a package root: one warning naming the file, no package, no crash.
    @Test(arguments: [
        // Not JSON at all.
        ("not JSON", Array("name = x\nversion = 1\n".utf8), "not JSON"),
        // Cut off mid-document.
        ("truncated", Array(#"{"name": "x", "version": "1."#.utf8), "not JSON"),
        // Binary bytes.
        ("binary", [0x00, 0xff, 0xfe, 0x7b, 0x00], "not JSON"),
        // An empty file.
        ("empty", [], "not JSON"),
        // Valid JSON of the wrong shape.
        ("array", Array(#"[{"name": "x", "version": "1.0.0"}]"#.utf8), "package.json is not a JSON object"),
        ("string", Array(#""x@1.0.0""#.utf8), "package.json is not a JSON object"),
        // A version that is a number, a name that is an object.
        ("number version", Array(#"{"name": "x", "version": 1.0}"#.utf8), "'version' is not a string"),
        ("object name", Array(#"{"name": {"first": "x"}, "version": "1"}"#.utf8), "'name' is not a string"),
        // 100,000 levels of nesting, which would exhaust the stack of a recursive parser.
        ("deep nesting", Array((#"{"name": "x", "version": "1", "a": "# + String(repeating: "[", count: 100_000)
                                + String(repeating: "]", count: 100_000) + "}").utf8),
         "JSON nested deeper than 64 levels"),
        ("deep objects", Array(String(repeating: #"{"a":"#, count: 100_000).utf8), "JSON nested deeper than 64 levels"),
    ] as [(String, [UInt8], String)])
    func warnsAboutMalformedManifestsNamingTheFile(_ label: String, _ bytes: [UInt8], _ message: String) {
        let path = "app/node_modules/x/package.json"
        let output = NpmCataloger().catalog(view(bytes: [path: bytes]))
        #expect(output.packages.isEmpty, "\(label)")
        #expect(output.warnings.count == 1, "\(label)")
        #expect(output.warnings.first?.path == path, "\(label)")
        #expect(output.warnings.first?.cataloger == "npm", "\(label)")
        #expect(output.warnings.first?.message.hasPrefix(message) == true,
                "\(label): \(output.warnings.first?.message ?? "no warning")")
    }

    @Test func nestingWithinTheBoundIsRead() {
        let nested = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        let output = NpmCataloger().catalog(view([
            "node_modules/x/package.json": #"{"name": "x", "version": "1", "keywords": "# + nested + "}",
            // Brackets inside strings do not count.
            "node_modules/y/package.json": #"{"name": "y", "version": "2", "d": ""# + String(repeating: "[", count: 500)
                + #"\"["}"#,
        ]))
        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.name) == ["x", "y"])
    }
}

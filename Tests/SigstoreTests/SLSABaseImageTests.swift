import Foundation
import Sigstore
import Testing

/// The base images a build pulled, read from SLSA materials as BuildKit and the SLSA generators record them.
struct SLSABaseImageTests {
    static let digest = String(repeating: "ab", count: 32)

    static func provenance(v1 dependencies: [[String: Any]]) throws -> SLSAProvenance {
        let statement: [String: Any] = [
            "_type": "https://in-toto.io/Statement/v1",
            "subject": [["name": "app", "digest": ["sha256": digest]]],
            "predicateType": "https://slsa.dev/provenance/v1",
            "predicate": [
                "buildDefinition": ["buildType": "https://mobyproject.org/buildkit@v1",
                                    "externalParameters": [:], "resolvedDependencies": dependencies],
                "runDetails": ["builder": ["id": "https://github.com/acme/builder"]],
            ],
        ]
        let bytes = Array(try JSONSerialization.data(withJSONObject: statement))
        return try SLSAProvenance(statement: try InTotoStatement(json: bytes, source: "test"), source: "test")
    }

    @Test(arguments: [
        // BuildKit's FROM image.
        ("pkg:docker/debian@bookworm?platform=linux%2Famd64", "debian@sha256:" + digest),
        ("pkg:docker/library/debian@12", "library/debian@sha256:" + digest),
        // A registry other than Docker Hub, as the purl spec writes it.
        ("pkg:docker/acme/base@1.0?repository_url=registry.example.com", "registry.example.com/acme/base@sha256:"
            + digest),
        ("docker://ghcr.io/acme/base:1.0", "ghcr.io/acme/base@sha256:" + digest),
        ("oci://localhost:5000/base", "localhost:5000/base@sha256:" + digest),
    ])
    func readsContainerMaterialsAsNamedDigests(_ uri: String, _ expected: String) throws {
        let provenance = try Self.provenance(v1: [["uri": uri, "digest": ["sha256": Self.digest]]])
        #expect(provenance.baseImages == [expected])
    }

    @Test(arguments: [
        // Source code, not an image.
        #"{"uri": "git+https://github.com/acme/app@refs/heads/main", "digest": {"gitCommit": "a1b2"}}"#,
        // An image named by tag alone cannot be matched to layers.
        #"{"uri": "pkg:docker/debian@bookworm"}"#,
        // A digest that is not SHA-256 hex.
        #"{"uri": "pkg:docker/debian@bookworm", "digest": {"sha256": "not-hex"}}"#,
    ])
    func leavesOutMaterialsThatNameNoImageDigest(_ dependency: String) throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(dependency.utf8)) as? [String: Any] ?? [:]
        #expect(try Self.provenance(v1: [parsed]).baseImages.isEmpty)
    }

    @Test func readsAtMostSixteenBaseImages() throws {
        let many = (0..<1000).map { ["uri": "pkg:docker/base\($0)@1", "digest": ["sha256": Self.digest]] }
        #expect(try Self.provenance(v1: many).baseImages.count == 16)
    }
}

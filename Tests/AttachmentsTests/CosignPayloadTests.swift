import Attachments
import ImageModel
import Testing

/// The payload must be byte-for-byte what cosign signs, or signatures made here will not verify there.
@Suite struct CosignPayloadTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    @Test(arguments: [
        ("localhost:5000/team/app:v1", "localhost:5000/team/app"),
        // Docker Hub is spelt as go-containerregistry names it.
        ("nginx", "index.docker.io/library/nginx"),
        ("ghcr.io/org/tool@sha256:" + String(repeating: "cd", count: 32), "ghcr.io/org/tool"),
    ])
    func writesCosignsFieldsInCosignsOrder(_ input: String, _ identity: String) throws {
        let payload = CosignPayload.make(reference: try Reference(parsing: input),
                                                digest: try Digest(parsing: Self.digest))
        #expect(String(decoding: payload, as: UTF8.self) == #"{"critical":{"identity":{"docker-reference":""#
            + identity + #""},"image":{"docker-manifest-digest":"\#(Self.digest)"},"#
            + #""type":"cosign container image signature"},"optional":null}"#)
    }

    @Test func writesOptionalAnnotationsWhenGiven() throws {
        let payload = CosignPayload.make(reference: try Reference(parsing: "example.com/app"),
                                                digest: try Digest(parsing: Self.digest),
                                                optional: ["sig": "v1"])
        #expect(String(decoding: payload, as: UTF8.self).hasSuffix(#","optional":{"sig":"v1"}}"#))
    }
}

import Foundation
import ImageModel

/// The payload cosign signs for a container image: Red Hat's simple-signing JSON with cosign's type.
///
/// `{"critical":{"identity":{"docker-reference":"<repo>"},"image":{"docker-manifest-digest":"sha256:…"},
/// "type":"cosign container image signature"},"optional":null}`: fields in this order, no spaces, as cosign
/// writes it, so a payload Safeguard signs reads the same to cosign.
/// (The parsed form, for verifying, is the Sigstore module's `SimpleSigningPayload`.)
public enum CosignPayload {
    /// The value of `critical.type` in cosign's payloads.
    public static let cosignType = "cosign container image signature"

    /// The `docker-reference` cosign writes: `registry/repository`, Docker Hub spelt `index.docker.io` as in
    /// go-containerregistry's names.
    public static func dockerReference(for reference: Reference) -> String {
        let registry = reference.registry == Reference.dockerHub ? "index.docker.io" : reference.registry
        return "\(registry)/\(reference.repository)"
    }

    /// Builds the payload for the image `reference` names, pinned to `digest`.
    /// - Parameter optional: cosign's `-a key=value` annotations; `null` when nil, as cosign writes it.
    public static func make(reference: Reference, digest: Digest, optional: [String: String]? = nil) -> [UInt8] {
        let payload = Payload(critical: .init(identity: .init(dockerReference: dockerReference(for: reference)),
                                              image: .init(dockerManifestDigest: digest.description),
                                              type: cosignType),
                              optional: optional)
        let encoder = JSONEncoder()
        // Sorted keys give cosign's order here (critical < optional, identity < image < type).
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and a string dictionary cannot fail.
        return Array((try? encoder.encode(payload)) ?? Data())
    }

    private struct Payload: Encodable {
        struct Critical: Encodable {
            var identity: Identity
            var image: Image
            var type: String
        }
        struct Identity: Encodable {
            var dockerReference: String
            enum CodingKeys: String, CodingKey { case dockerReference = "docker-reference" }
        }
        struct Image: Encodable {
            var dockerManifestDigest: String
            enum CodingKeys: String, CodingKey { case dockerManifestDigest = "docker-manifest-digest" }
        }
        var critical: Critical
        var optional: [String: String]?

        enum CodingKeys: String, CodingKey { case critical, optional }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(critical, forKey: .critical)
            // `encode`, not `encodeIfPresent`: cosign writes `"optional":null`.
            try container.encode(optional, forKey: .optional)
        }
    }
}

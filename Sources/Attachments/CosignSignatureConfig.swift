import ImageModel

/// The image config cosign gives its signature and attestation manifests.
///
/// go-containerregistry's empty image with one layer appended per signature: zero timestamps, one history
/// entry and one diff ID per layer (the layers are not compressed, so each diff ID is the layer's digest).
/// Verifiers never read it; it exists so a client that pulls the "image" gets a valid one.
enum CosignSignatureConfig {
    /// The config's bytes, keys in go-containerregistry's order.
    static func bytes(layerDigests: [Digest]) -> [UInt8] {
        let zero = "0001-01-01T00:00:00Z"
        let history = Array(repeating: "{\"created\":\"\(zero)\"}", count: layerDigests.count)
            .joined(separator: ",")
        let diffIDs = layerDigests.map { "\"\($0)\"" }.joined(separator: ",")
        let text = "{\"architecture\":\"\",\"created\":\"\(zero)\",\"history\":[\(history)],\"os\":\"\","
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\(diffIDs)]},\"config\":{}}"
        return Array(text.utf8)
    }
}

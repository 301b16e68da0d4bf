import Foundation

/// The "atomic container signature" payload that containers/image and cosign sign for an image:
/// `critical.identity.docker-reference`, `critical.image.docker-manifest-digest`, `critical.type`, and an
/// `optional` object that nothing should rely on.
public struct SimpleSigningPayload: Sendable, Equatable {
    /// The image reference the signer meant, as written in the payload.
    public let dockerReference: String
    /// The manifest digest signed, `sha256:<hex>`.
    public let manifestDigest: String
    /// `atomic container signature` or `cosign container image signature`.
    public let type: String
    /// `optional.creator`, when given.
    public let creator: String?
    /// `optional.timestamp` (seconds), when given.
    public let timestamp: Int64?

    /// The `critical.type` values accepted.
    public static let types: Set<String> = ["atomic container signature", "cosign container image signature"]

    /// Parses a payload.
    ///
    /// Why unknown keys under `critical` are refused: the format says a consumer that does not understand a
    /// critical field must reject the signature, so a future constraint is never silently ignored.
    public init(json bytes: [UInt8], source: String) throws(SigstoreError) {
        let root = try SigstoreJSON.document(bytes, source: source)
        let critical = try root.required("critical")
        for key in try critical.keys() where !["identity", "image", "type"].contains(key) {
            throw .invalidValue(source: source, path: critical.path + "." + key, expected: "absent (unknown field)")
        }
        let typeNode = try critical.required("type")
        type = try typeNode.text()
        guard Self.types.contains(type) else { throw typeNode.wrongType("a container signature type") }
        dockerReference = try critical.required("identity").required("docker-reference").text()
        let digestNode = try critical.required("image").required("docker-manifest-digest")
        manifestDigest = try digestNode.text()
        guard manifestDigest.contains(":") else { throw digestNode.wrongType("an algorithm:hex digest") }
        let optional = try root.member("optional")
        creator = try optional?.member("creator")?.text()
        timestamp = try optional?.member("timestamp")?.int64()
    }

    /// Requires the payload to name `manifestDigest`, and `reference` when one is expected.
    ///
    /// References are compared as written: callers normalize both sides (`docker.io/library/…`) first.
    public func check(manifestDigest expected: String, reference: String? = nil, source: String)
        throws(SigstoreError)
    {
        guard manifestDigest == expected else {
            throw .payloadMismatch(source: source, reason: "signed manifest digest \(manifestDigest) is not the "
                                   + "image's \(expected)")
        }
        if let reference, reference != dockerReference {
            throw .payloadMismatch(source: source, reason: "signed reference '\(dockerReference)' is not "
                                   + "'\(reference)'")
        }
    }
}

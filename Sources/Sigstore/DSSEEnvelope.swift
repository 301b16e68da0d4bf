/// A DSSE envelope: a typed payload and signatures over its pre-authentication encoding.
public struct DSSEEnvelope: Sendable {
    /// One signature and the key ID it names (unauthenticated).
    public struct Signature: Sendable, Equatable {
        /// The signer's key ID as the envelope states it; never trusted.
        public let keyID: String?
        /// The signature over the pre-authentication encoding.
        public let signature: [UInt8]
    }

    /// The payload's media type, e.g. `application/vnd.in-toto+json`.
    public let payloadType: String
    /// The payload bytes.
    public let payload: [UInt8]
    /// The signatures.
    public let signatures: [Signature]

    /// The in-toto payload type.
    public static let inTotoPayloadType = "application/vnd.in-toto+json"

    /// DSSE's pre-authentication encoding, the bytes that are signed:
    /// `"DSSEv1" SP len(type) SP type SP len(payload) SP payload`, lengths in ASCII decimal.
    ///
    /// Why sign this and not the payload: binding the type stops a signature made for one payload type from
    /// being presented as another.
    public var preAuthenticationEncoding: [UInt8] { Self.pae(type: payloadType, payload: payload) }

    /// The pre-authentication encoding of `payload` with `type`, for signers.
    public static func pae(type: String, payload: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return Array("DSSEv1 \(typeBytes.count) ".utf8) + typeBytes + Array(" \(payload.count) ".utf8) + payload
    }
}

import Crypto
import Foundation

/// A cosign signature as registries store it: a payload (layer), and annotations carrying the base64
/// signature and, for keyless signing, the certificate, chain and Rekor bundle.
public struct CosignSignature: Sendable {
    /// The annotation holding the base64 signature over the payload.
    public static let signatureAnnotation = "dev.cosignproject.cosign/signature"
    /// The annotation holding the PEM signing certificate.
    public static let certificateAnnotation = "dev.sigstore.cosign/certificate"
    /// The annotation holding the PEM chain above the certificate.
    public static let chainAnnotation = "dev.sigstore.cosign/chain"
    /// The annotation holding the Rekor bundle (signed entry timestamp and entry).
    public static let bundleAnnotation = "dev.sigstore.cosign/bundle"
    /// The media type of a simple-signing payload.
    public static let simpleSigningMediaType = "application/vnd.dev.cosign.simplesigning.v1+json"

    /// The payload's media type.
    public let mediaType: String
    /// The signed bytes.
    public let payload: [UInt8]
    /// The layer's annotations.
    public let annotations: [String: String]
    /// Where the signature came from, for messages.
    public let source: String

    /// A signature from its parts, as read from a signature manifest.
    public init(mediaType: String, payload: [UInt8], annotations: [String: String], source: String) {
        self.mediaType = mediaType
        self.payload = payload
        self.annotations = annotations
        self.source = source
    }

    /// Reads containers/image's serialized form (a `signature-N` file): a 0x00 byte, `sigstore-json\n`, then
    /// JSON with `mimeType`, base64 `payload` and `annotations`.
    public init(containersImageSerialized bytes: [UInt8], source: String) throws(SigstoreError) {
        let prefix: [UInt8] = [0] + Array("sigstore-json\n".utf8)
        guard bytes.starts(with: prefix) else {
            throw .invalidValue(source: source, path: "$", expected: "a containers/image sigstore-json signature")
        }
        let root = try SigstoreJSON.document(Array(bytes.dropFirst(prefix.count)), source: source)
        var annotations: [String: String] = [:]
        if let node = try root.member("annotations") {
            for key in try node.keys() { annotations[key] = try node.required(key).string(limit: 1 << 20) }
        }
        self.init(mediaType: try root.required("mimeType").text(), payload: try root.required("payload").base64(),
                  annotations: annotations, source: source)
    }

    /// The decoded signature annotation.
    public func signature() throws(SigstoreError) -> [UInt8] {
        guard let text = annotations[Self.signatureAnnotation] else {
            throw .missingField(source: source, path: "annotations.\"\(Self.signatureAnnotation)\"")
        }
        guard let signature = Base64.decode(text), !signature.isEmpty else {
            throw .invalidValue(source: source, path: "annotations.\"\(Self.signatureAnnotation)\"",
                                expected: "base64")
        }
        return signature
    }

    /// Verifies the signature over the payload with `key`, without a transparency log (cosign's
    /// `--insecure-ignore-tlog` for key-signed images, and containers/image's `sigstoreSigned` with a key).
    public func verify(key: PublicKey) throws(SigstoreError) {
        guard key.isValidSignature(try signature(), over: payload) else {
            throw .signatureMismatch(source: source,
                                     reason: "does not verify over the payload with the \(key.kind) key")
        }
    }

    /// Verifies a simple-signing image signature with `key` and checks that it names `manifestDigest` (and
    /// `reference`, when given). Returns the payload.
    public func verifyImageSignature(key: PublicKey, manifestDigest: String, reference: String? = nil)
        throws(SigstoreError) -> SimpleSigningPayload
    {
        guard mediaType == Self.simpleSigningMediaType else {
            throw .payloadMismatch(source: source, reason: "media type '\(mediaType)' is not a simple-signing payload")
        }
        try verify(key: key)
        let payload = try SimpleSigningPayload(json: payload, source: source + " payload")
        try payload.check(manifestDigest: manifestDigest, reference: reference, source: source)
        return payload
    }
}

extension CosignSignature {
    /// Verifies every signature attached to one image with `key` against `manifestDigest`, returning their
    /// payloads.
    ///
    /// Why every one and not any one: a signature that does not verify beside one that does means someone
    /// could write to the image's signatures; accepting on the strength of the good one would hide that.
    public static func verifyImage(_ signatures: [CosignSignature], key: PublicKey, manifestDigest: String,
                                   reference: String? = nil) throws(SigstoreError) -> [SimpleSigningPayload]
    {
        guard !signatures.isEmpty else {
            throw .noPolicy(source: manifestDigest, reason: "the image has no signatures")
        }
        var payloads: [SimpleSigningPayload] = []
        for signature in signatures {
            payloads.append(try signature.verifyImageSignature(key: key, manifestDigest: manifestDigest,
                                                               reference: reference))
        }
        return payloads
    }
}

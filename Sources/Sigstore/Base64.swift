import Foundation

/// Standard base64 with padding, as every Sigstore producer (Rekor, Fulcio, cosign, sigstore-go, -python,
/// -js) writes it.
///
/// Stricter than protobuf JSON, which also takes URL-safe and unpadded text: those never occur in real bundles,
/// and accepting them would let a truncated field (cut at a group boundary plus two or three characters)
/// decode as a shorter value instead of being refused.
enum Base64 {
    /// The decoded bytes, or nil for any character outside the alphabet, missing or wrong padding, or an
    /// encoding that is not the canonical one for its bytes.
    static func decode(_ text: String) -> [UInt8]? {
        guard text.utf8.count % 4 == 0, let data = Data(base64Encoded: text) else { return nil }
        // Why re-encode: non-zero bits in the last group's padding decode to the same bytes, so two texts
        // could stand for one value; only the canonical text is accepted.
        guard data.base64EncodedString() == text else { return nil }
        return Array(data)
    }
}

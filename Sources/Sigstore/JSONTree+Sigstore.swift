import Foundation
import JSONTree

/// The JSON walker every Sigstore document is read with.
typealias SigstoreJSON = JSONTree<SigstoreError>

extension JSONTree where Failure == SigstoreError {
    /// Parses a whole document after checking its size.
    static func document(_ bytes: [UInt8], source: String) throws(SigstoreError) -> SigstoreJSON {
        guard bytes.count <= SigstoreLimits.maxDocumentSize else {
            throw .documentTooLarge(source: source, size: bytes.count, limit: SigstoreLimits.maxDocumentSize)
        }
        return try parse(bytes, source: source, maxDepth: SigstoreLimits.maxDepth)
    }

    /// This value as a short string.
    func text() throws(SigstoreError) -> String { try string(limit: SigstoreLimits.maxStringLength) }

    /// This value as standard, padded, canonical base64 (protobuf JSON's `bytes`).
    ///
    /// Why strictly: a lenient decoder that skips bad characters or missing padding lets two different texts
    /// decode to one signature, and lets a truncated field pass as a shorter value.
    func base64() throws(SigstoreError) -> [UInt8] {
        let text = try string(limit: SigstoreLimits.maxFieldSize / 3 * 4 + 4)
        guard let bytes = Base64.decode(text) else { throw wrongType("standard base64 with padding") }
        return bytes
    }

    /// A protobuf JSON int64: a decimal string or a number, not negative.
    func int64() throws(SigstoreError) -> Int64 {
        if let string = value as? String, let number = Int64(string), number >= 0 { return number }
        // `true` also arrives as an NSNumber; its Objective-C type ("c" or "B") tells it from an integer.
        if let number = value as? NSNumber, !["c", "B"].contains(String(cString: number.objCType)),
           number.int64Value >= 0, number.doubleValue == Double(number.int64Value) {
            return number.int64Value
        }
        throw wrongType("a non-negative integer")
    }

    /// This object's keys.
    func keys() throws(SigstoreError) -> [String] {
        guard let object = value as? [String: Any] else { throw wrongType("an object") }
        return Array(object.keys)
    }
}

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

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

    /// This value as standard base64 (protobuf JSON's `bytes`), decoded strictly.
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
        if let number = value as? NSNumber, !(value is Bool), number.int64Value >= 0,
           number.doubleValue == Double(number.int64Value) {
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

/// Standard base64 with padding, as protobuf JSON and Rekor write it; URL-safe text is also accepted because
/// protobuf JSON parsers accept both alphabets.
enum Base64 {
    /// The decoded bytes, or nil for any character outside the alphabet, wrong padding or a truncated group.
    static func decode(_ text: String) -> [UInt8]? {
        var normalized = text
        if normalized.contains("-") || normalized.contains("_") {
            normalized = normalized.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        }
        guard normalized.utf8.count % 4 == 0 || !normalized.hasSuffix("=") else { return nil }
        if normalized.utf8.count % 4 != 0 {
            // Unpadded input, which protobuf JSON also permits; a single leftover character is never valid.
            guard normalized.utf8.count % 4 != 1 else { return nil }
            normalized += String(repeating: "=", count: 4 - normalized.utf8.count % 4)
        }
        guard let data = Data(base64Encoded: normalized) else { return nil }
        return Array(data)
    }
}

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

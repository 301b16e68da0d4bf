import Foundation

/// Writes reports as JSON: stable key order, so that two runs over the same image diff cleanly.
public enum JSONRenderer {
    /// The JSON encoding of any report document.
    public static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

import JSONTree

/// Writes reports as JSON: stable key order, so that two runs over the same image diff cleanly.
public enum JSONRenderer {
    /// The JSON encoding of any report document.
    public static func render(_ value: some Encodable) throws -> String {
        String(decoding: try PrettyJSONEncoder().encode(value), as: UTF8.self) + "\n"
    }
}

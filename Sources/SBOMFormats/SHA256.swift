import ImageModel

/// SHA-256 for deterministic identifiers (serial numbers, namespaces, SPDX IDs), through OpenSSL as everywhere else.
enum SHA256 {
    /// The 32-byte digest of `bytes`.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array(Digest.of(bytes).encoded.utf8)
        return stride(from: 0, to: hex.count, by: 2).map { UInt8(nibble(hex[$0]) << 4 | nibble(hex[$0 + 1])) }
    }

    /// The lowercase hex digest of `text`'s UTF-8 bytes.
    static func hex(_ text: String) -> String { Digest.of(Array(text.utf8)).encoded }

    private static func nibble(_ character: UInt8) -> UInt8 {
        character <= UInt8(ascii: "9") ? character - UInt8(ascii: "0") : character - UInt8(ascii: "a") + 10
    }
}

/// A reader of the few DER shapes certificate extensions need: one tag-length-value at a time, every length
/// checked against what is left.
public struct DERReader: Sendable {
    /// One element: its tag byte and its content.
    public struct Element: Sendable, Equatable {
        /// The identifier octet (e.g. 0x0c for UTF8String).
        public let tag: UInt8
        /// The content octets.
        public let content: [UInt8]
    }

    private let bytes: [UInt8]
    private var offset = 0

    /// A reader at the start of `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    /// The next element. Only definite lengths in the shortest form are accepted, as DER requires.
    public mutating func next() -> Element? {
        guard offset + 2 <= bytes.count else { return nil }
        let tag = bytes[offset]
        guard tag & 0x1f != 0x1f else { return nil } // multi-byte tags never occur in the shapes read here
        var length = Int(bytes[offset + 1])
        var cursor = offset + 2
        if length & 0x80 != 0 {
            let count = length & 0x7f
            guard count >= 1, count <= 4, cursor + count <= bytes.count else { return nil }
            length = 0
            for byte in bytes[cursor..<cursor + count] { length = length << 8 | Int(byte) }
            guard length >= 0x80 else { return nil }
            cursor += count
        }
        guard length <= bytes.count - cursor else { return nil }
        offset = cursor + length
        return Element(tag: tag, content: Array(bytes[cursor..<cursor + length]))
    }

    /// The text of a DER string (UTF8String, IA5String, PrintableString), read whole from `bytes`.
    public static func string(_ bytes: [UInt8]) -> String? {
        var reader = DERReader(bytes)
        guard let element = reader.next(), reader.isAtEnd, [0x0c, 0x16, 0x13].contains(element.tag) else {
            return nil
        }
        return String(validating: element.content, as: UTF8.self)
    }
}

/// Finds object keys that occur more than once in the same JSON object.
///
/// Why: RFC 8259 leaves duplicate keys to the parser, and parsers disagree. Foundation's `JSONDecoder`, which
/// Safeguard uses, keeps the first value; Go's `encoding/json`, which registries and runtimes use, keeps the last.
/// A manifest with `"digest"` twice can therefore show Safeguard one layer and a runtime another. Escapes are
/// decoded before keys are compared (`"a"` and `"\u0061"` are one key to every parser, but not to a text search),
/// and keys are otherwise compared byte for byte, except that invalid UTF-8 bytes and lone surrogate escapes
/// become U+FFFD each, as Go decodes them: two keys Go would merge are reported.
///
/// Swift's `String` equality also merges canonically equivalent keys (`"é"` precomposed and `"e\u0301"`) where Go
/// keeps both, so Safeguard's own view of a label map would hide one of them; those are reported too, as
/// `canonicallyEquivalent`.
///
/// The scan is iterative with an explicit stack bounded by `maxDepth`, runs in time linear in the input, builds at
/// most `maxReported` pointers, and never traps: malformed JSON is reported as `unreadable`.
public enum JSONDuplicateKeys {
    /// How deeply arrays and objects may nest before the scan stops. Image manifests, indexes and configs nest at
    /// most five levels; `JSONDecoder` accepts up to 512 and Go 10000, so a document between 128 and those limits is
    /// built to be read differently (or refused) by different tools, not written by a builder.
    public static let maxDepth = 128

    /// How many duplicates are named; beyond it they are only counted, so a document of repeated keys cannot make the
    /// report, or the pointer building, grow with its size times its depth.
    public static let maxReported = 64

    /// A key that occurs more than once in one object.
    public struct Duplicate: Hashable, Sendable {
        /// The JSON Pointer (RFC 6901) of the repeated key, e.g. `/layers/0/mediaType`.
        public var pointer: String
        /// True when the keys differ in bytes but Swift's `String` treats them as equal (Unicode canonical
        /// equivalence), so only Swift-based tools merge them.
        public var canonicallyEquivalent: Bool

        /// Creates a duplicate.
        public init(pointer: String, canonicallyEquivalent: Bool = false) {
            self.pointer = pointer
            self.canonicallyEquivalent = canonicallyEquivalent
        }
    }

    /// What a scan found.
    public enum Outcome: Hashable, Sendable {
        /// The document was read to the end; `duplicates` names at most `maxReported` of `total`.
        case checked(duplicates: [Duplicate], total: Int)
        /// Nesting passed `maxDepth` at `pointer`; duplicates past that point were not looked for.
        case tooDeep(pointer: String)
        /// The bytes are not JSON as RFC 8259 defines it; `reason` says what was found at byte `offset`.
        case unreadable(offset: Int, reason: String)
    }

    /// Scans a JSON document for repeated object keys.
    /// - Parameter bytes: the document exactly as received.
    /// - Returns: the duplicates, or why the document could not be checked.
    public static func scan(_ bytes: [UInt8]) -> Outcome {
        var scanner = JSONKeyScanner(bytes: bytes)
        do {
            try scanner.run()
            return .checked(duplicates: scanner.reported, total: scanner.total)
        } catch JSONKeyScanner.Stop.tooDeep(let pointer) {
            return .tooDeep(pointer: pointer)
        } catch JSONKeyScanner.Stop.unreadable(let offset, let reason) {
            return .unreadable(offset: offset, reason: reason)
        } catch {
            return .unreadable(offset: 0, reason: "\(error)")
        }
    }
}

/// The state machine behind `JSONDuplicateKeys.scan`: one pass over the bytes, one frame per open container.
private struct JSONKeyScanner {
    enum Stop: Error {
        case tooDeep(String)
        case unreadable(Int, String)
    }

    /// One open object or array and what is needed to name the places inside it.
    struct Frame {
        let isObject: Bool
        /// The element index, for arrays.
        var index = 0
        /// The current member's key, already escaped as a pointer segment, for objects.
        var segment: [UInt8] = []
        /// Decoded keys seen so far and whether they were already reported.
        var keys: [[UInt8]: Bool] = [:]
        /// The same keys as Swift strings, to catch canonically equivalent ones. ASCII keys are kept too: the
        /// Kelvin sign U+212A is canonically equivalent to `K`, the Greek question mark U+037E to `;`.
        var strings: Set<String> = []
    }

    /// What the next token may be.
    enum Expect {
        case value, valueOrArrayEnd, key, keyOrObjectEnd, colon, separatorOrEnd
    }

    let bytes: [UInt8]
    var position = 0
    var stack: [Frame] = []
    var reported: [JSONDuplicateKeys.Duplicate] = []
    var total = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func run() throws {
        var expect = Expect.value
        while true {
            skipWhitespace()
            if expect == .separatorOrEnd, stack.isEmpty {
                guard position == bytes.count else { throw fail("data after the document") }
                return
            }
            guard position < bytes.count else { throw fail("unexpected end of document") }
            let byte = bytes[position]
            switch expect {
            case .value, .valueOrArrayEnd:
                if expect == .valueOrArrayEnd, byte == UInt8(ascii: "]") {
                    position += 1
                    stack.removeLast()
                    expect = .separatorOrEnd
                } else {
                    expect = try value(startingWith: byte)
                }
            case .key, .keyOrObjectEnd:
                if expect == .keyOrObjectEnd, byte == UInt8(ascii: "}") {
                    position += 1
                    stack.removeLast()
                    expect = .separatorOrEnd
                } else {
                    guard byte == UInt8(ascii: "\"") else { throw fail("expected a key") }
                    try record(key: try string(decoding: true))
                    expect = .colon
                }
            case .colon:
                guard byte == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                position += 1
                expect = .value
            case .separatorOrEnd:
                expect = try separatorOrEnd(byte)
            }
        }
    }

    private mutating func value(startingWith byte: UInt8) throws -> Expect {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard stack.count < JSONDuplicateKeys.maxDepth else { throw Stop.tooDeep(currentPointer()) }
            position += 1
            let isObject = byte == UInt8(ascii: "{")
            stack.append(Frame(isObject: isObject))
            return isObject ? .keyOrObjectEnd : .valueOrArrayEnd
        case UInt8(ascii: "\""):
            _ = try string(decoding: false)
        case UInt8(ascii: "t"): try literal(Array("true".utf8))
        case UInt8(ascii: "f"): try literal(Array("false".utf8))
        case UInt8(ascii: "n"): try literal(Array("null".utf8))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): number()
        default: throw fail("unexpected byte 0x\(String(byte, radix: 16)) where a value belongs")
        }
        return .separatorOrEnd
    }

    private mutating func separatorOrEnd(_ byte: UInt8) throws -> Expect {
        let isObject = stack[stack.count - 1].isObject
        position += 1
        switch byte {
        case UInt8(ascii: ","):
            if isObject { return .key }
            stack[stack.count - 1].index += 1
            return .value
        case UInt8(ascii: "}") where isObject, UInt8(ascii: "]") where !isObject:
            stack.removeLast()
            return .separatorOrEnd
        default:
            position -= 1
            throw fail("expected ',' or the end of the \(isObject ? "object" : "array")")
        }
    }

    /// Notes a key in the innermost object, reporting it the second time it is seen there.
    private mutating func record(key: [UInt8]) throws {
        let top = stack.count - 1
        stack[top].segment = Self.pointerSegment(key)
        if let alreadyReported = stack[top].keys[key] {
            if !alreadyReported { report(canonicallyEquivalent: false) }
            stack[top].keys[key] = true
            return
        }
        stack[top].keys[key] = false
        if !stack[top].strings.insert(String(decoding: key, as: UTF8.self)).inserted {
            report(canonicallyEquivalent: true)
        }
    }

    private mutating func report(canonicallyEquivalent: Bool) {
        total += 1
        guard reported.count < JSONDuplicateKeys.maxReported else { return }
        reported.append(.init(pointer: currentPointer(), canonicallyEquivalent: canonicallyEquivalent))
    }

    /// The pointer to the current place: each open container's current member or element.
    private func currentPointer() -> String {
        var result: [UInt8] = []
        for frame in stack {
            result.append(UInt8(ascii: "/"))
            result += frame.isObject ? frame.segment : Array(String(frame.index).utf8)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// RFC 6901: `~` is written `~0` and `/` is written `~1`.
    private static func pointerSegment(_ key: [UInt8]) -> [UInt8] {
        guard key.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        var segment: [UInt8] = []
        for byte in key {
            switch byte {
            case UInt8(ascii: "~"): segment += [UInt8(ascii: "~"), UInt8(ascii: "0")]
            case UInt8(ascii: "/"): segment += [UInt8(ascii: "~"), UInt8(ascii: "1")]
            default: segment.append(byte)
            }
        }
        return segment
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0a, 0x0d: position += 1
            default: return
            }
        }
    }

    private mutating func literal(_ word: [UInt8]) throws {
        let end = position + word.count
        guard end <= bytes.count, bytes[position..<end].elementsEqual(word) else {
            throw fail("expected '\(String(decoding: word, as: UTF8.self))'")
        }
        position = end
    }

    /// Skips a number. Its exact grammar does not matter here: it holds no keys, and `JSONDecoder` checked it.
    private mutating func number() {
        while position < bytes.count, Self.numberBytes.contains(bytes[position]) { position += 1 }
    }

    private static let numberBytes = Set("0123456789+-.eE".utf8)

    private func fail(_ reason: String) -> Stop { .unreadable(position, reason) }
}

extension JSONKeyScanner {
    /// Reads a string starting at its opening quote; when `decoding`, returns its content with escapes decoded.
    mutating func string(decoding: Bool) throws -> [UInt8] {
        let start = position
        position += 1
        var decoded: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return decoded
            case UInt8(ascii: "\\"):
                try escape(into: &decoded, decoding: decoding)
            case 0..<0x20:
                throw fail("unescaped control character 0x\(String(byte, radix: 16)) in a string")
            case 0x80...:
                let length = utf8SequenceLength(at: position)
                if decoding { decoded += length == 0 ? Self.replacement : Array(bytes[position..<position + length]) }
                position += max(length, 1)
            default:
                if decoding { decoded.append(byte) }
                position += 1
            }
        }
        throw Stop.unreadable(start, "unterminated string")
    }

    private static let replacement: [UInt8] = [0xef, 0xbf, 0xbd]

    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5c, UInt8(ascii: "/"): 0x2f, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0c, UInt8(ascii: "n"): 0x0a, UInt8(ascii: "r"): 0x0d, UInt8(ascii: "t"): 0x09,
    ]

    /// Decodes one escape at `position` (a backslash), as Go does: a lone surrogate becomes U+FFFD.
    private mutating func escape(into decoded: inout [UInt8], decoding: Bool) throws {
        guard position + 1 < bytes.count else { throw fail("unterminated escape") }
        if let replacement = Self.simpleEscapes[bytes[position + 1]] {
            if decoding { decoded.append(replacement) }
            position += 2
            return
        }
        guard bytes[position + 1] == UInt8(ascii: "u"), let unit = codeUnit(at: position) else {
            throw fail("invalid escape")
        }
        position += 6
        var scalar = Unicode.Scalar(unit)
        if (0xd800..<0xdc00).contains(unit), let low = codeUnit(at: position), (0xdc00..<0xe000).contains(low) {
            scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xd800) << 10) + (UInt32(low) - 0xdc00))
            position += 6
        }
        guard decoding else { return }
        UTF8.encode(scalar ?? "\u{FFFD}") { decoded.append($0) }
    }

    /// The code unit of a `\uXXXX` escape at `index`, or nil when there is none.
    private func codeUnit(at index: Int) -> UInt16? {
        guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
        else { return nil }
        var unit: UInt16 = 0
        for byte in bytes[index + 2..<index + 6] {
            guard let digit = hexValue(byte) else { return nil }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or 0 when the byte there starts none (overlong
    /// forms, encoded surrogates and code points above U+10FFFF are not well-formed).
    private func utf8SequenceLength(at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xbf
        switch lead {
        case 0x00...0x7f: return 1
        case 0xc2...0xdf: length = 2
        case 0xe0: length = 3; second = 0xa0...0xbf
        case 0xed: length = 3; second = 0x80...0x9f
        case 0xe1...0xef: length = 3
        case 0xf0: length = 4; second = 0x90...0xbf
        case 0xf1...0xf3: length = 4
        case 0xf4: length = 4; second = 0x80...0x8f
        default: return 0
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xbf).contains(bytes[index + offset]) { return 0 }
        return length
    }
}

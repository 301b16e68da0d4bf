/// A JSON value as the OSV parser reads it: objects keep their members in order, numbers keep their text.
///
/// Safeguard parses OSV records itself instead of through `JSONSerialization` so that it can refuse what Foundation
/// silently accepts or cannot bound: repeated keys (Foundation keeps one of them; another tool may keep the other, so
/// two tools would read two different advisories), nesting deep enough to exhaust the stack, and counts of values
/// large enough to exhaust memory.
enum JSONValue {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// The JSON type's name, for errors: `object`, `array`, `string`, `number`, `boolean`, `null`.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// One step of a JSON path: an object key or an array index.
enum JSONPathComponent {
    case key(String)
    case index(Int)
}

/// Renders a path as OSV documentation writes it: `affected[2].ranges[0].events`, or `$` for the root.
func renderJSONPath(_ path: [JSONPathComponent]) -> String {
    var text = ""
    for component in path {
        switch component {
        case .index(let index):
            text += "[\(index)]"
        case .key(let key):
            // Keys come from the record: anything other than a plain name is quoted and shortened, so a hostile key
            // cannot put control characters or megabytes into an error message.
            let plain = !key.isEmpty && key.utf8.count <= 64
                && key.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0.isASCIILetterOrDigit }
            let rendered = plain ? key : "[\(String(key.prefix(64)).debugDescription)]"
            text += text.isEmpty || !plain ? rendered : "." + rendered
        }
    }
    return text.isEmpty ? "$" : text
}

extension UInt8 {
    /// Whether the byte is an ASCII letter or digit.
    var isASCIILetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}

/// A strict RFC 8259 parser with the bounds of `OSVLimits`, throwing `OSVError` with the path being read.
struct OSVJSONParser {
    private let bytes: [UInt8]
    private let source: String
    private var offset = 0
    private var depth = 0
    private var valueCount = 0
    private var path: [JSONPathComponent] = []

    /// Parses one whole document.
    static func parse(_ bytes: [UInt8], source: String) throws(OSVError) -> JSONValue {
        // Checked before anything is read, so an oversized download costs no parsing.
        guard bytes.count <= OSVLimits.maxRecordBytes else {
            throw OSVError(source: source, field: "$",
                           reason: "record is \(bytes.count) bytes, over the limit of \(OSVLimits.maxRecordBytes)")
        }
        var parser = OSVJSONParser(bytes: bytes, source: source)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.offset == bytes.count else { throw parser.syntaxError("data after the end of the JSON value") }
        return value
    }

    private init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    private func syntaxError(_ reason: String) -> OSVError {
        OSVError(source: source, field: renderJSONPath(path), reason: "not JSON at byte \(offset): \(reason)")
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    private mutating func parseValue() throws(OSVError) -> JSONValue {
        valueCount += 1
        guard valueCount <= OSVLimits.maxValues else {
            throw OSVError(source: source, field: renderJSONPath(path),
                           reason: "more than \(OSVLimits.maxValues) JSON values in one record")
        }
        guard offset < bytes.count else { throw syntaxError("the document ends where a value should start") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case 0xEF: throw syntaxError("a byte order mark, which RFC 8259 forbids")
        default: throw syntaxError("unexpected byte 0x\(String(bytes[offset], radix: 16))")
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(OSVError) {
        let expected = Array(literal.utf8)
        guard bytes.count - offset >= expected.count, bytes[offset..<offset + expected.count].elementsEqual(expected)
        else { throw syntaxError("expected \(literal)") }
        offset += expected.count
    }

    private mutating func enterContainer() throws(OSVError) {
        depth += 1
        // The parser recurses once per level: the bound keeps a record of `[[[[…` from exhausting the stack.
        guard depth <= OSVLimits.maxDepth else {
            throw OSVError(source: source, field: renderJSONPath(path),
                           reason: "arrays and objects nested deeper than \(OSVLimits.maxDepth) levels")
        }
        offset += 1
        skipWhitespace()
    }

    private mutating func parseObject() throws(OSVError) -> JSONValue {
        try enterContainer()
        var members: [(key: String, value: JSONValue)] = []
        var keys = Set<String>()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return .object(members)
        }
        while true {
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw syntaxError("expected a string key")
            }
            let key = try parseString()
            // A repeated key is read as the first value by some parsers and the last by others, so two tools would
            // see two different advisories in one record: refuse it rather than pick one.
            guard keys.insert(key).inserted else {
                path.append(.key(key))
                throw OSVError(source: source, field: renderJSONPath(path), reason: "key appears twice in one object")
            }
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw syntaxError("expected ':'") }
            offset += 1
            skipWhitespace()
            path.append(.key(key))
            members.append((key, try parseValue()))
            path.removeLast()
            skipWhitespace()
            guard offset < bytes.count else { throw syntaxError("the document ends inside an object") }
            if bytes[offset] == UInt8(ascii: "}") { break }
            guard bytes[offset] == UInt8(ascii: ",") else { throw syntaxError("expected ',' or '}'") }
            offset += 1
            skipWhitespace()
        }
        offset += 1
        depth -= 1
        return .object(members)
    }

    private mutating func parseArray() throws(OSVError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return .array(elements)
        }
        path.append(.index(0))
        while true {
            path[path.count - 1] = .index(elements.count)
            elements.append(try parseValue())
            skipWhitespace()
            guard offset < bytes.count else { throw syntaxError("the document ends inside an array") }
            if bytes[offset] == UInt8(ascii: "]") { break }
            guard bytes[offset] == UInt8(ascii: ",") else { throw syntaxError("expected ',' or ']'") }
            offset += 1
            skipWhitespace()
        }
        path.removeLast()
        offset += 1
        depth -= 1
        return .array(elements)
    }

    private mutating func parseNumber() throws(OSVError) -> String {
        let start = offset
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, bytes[offset].isASCIIDigit else { throw syntaxError("expected a digit") }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            while offset < bytes.count, bytes[offset].isASCIIDigit { offset += 1 }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < bytes.count, bytes[offset].isASCIIDigit else { throw syntaxError("expected a digit") }
            while offset < bytes.count, bytes[offset].isASCIIDigit { offset += 1 }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            guard offset < bytes.count, bytes[offset].isASCIIDigit else { throw syntaxError("expected a digit") }
            while offset < bytes.count, bytes[offset].isASCIIDigit { offset += 1 }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func parseString() throws(OSVError) -> String {
        offset += 1
        var text: [UInt8] = []
        while true {
            guard offset < bytes.count else { throw syntaxError("the document ends inside a string") }
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                // Invalid UTF-8 is refused rather than repaired: repair would make two different byte strings
                // (an ID, a package name) read as the same text.
                guard let string = String(validating: text, as: UTF8.self) else {
                    throw syntaxError("a string that is not valid UTF-8")
                }
                return string
            case UInt8(ascii: "\\"):
                offset += 1
                try appendEscape(to: &text)
            case 0x00..<0x20:
                throw syntaxError("a control character inside a string")
            default:
                text.append(byte)
                offset += 1
            }
        }
    }

    private mutating func appendEscape(to text: inout [UInt8]) throws(OSVError) {
        guard offset < bytes.count else { throw syntaxError("the document ends inside an escape") }
        let escape = bytes[offset]
        offset += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one; a lone surrogate is not text.
                guard bytes.count - offset >= 2, bytes[offset] == UInt8(ascii: "\\"),
                      bytes[offset + 1] == UInt8(ascii: "u")
                else { throw syntaxError("a lone surrogate escape") }
                offset += 2
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw syntaxError("a lone surrogate escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw syntaxError("a lone surrogate escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw syntaxError("an invalid \\u escape") }
            text.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw syntaxError("an unknown escape \\\(Character(Unicode.Scalar(escape)))")
        }
    }

    private mutating func parseHex4() throws(OSVError) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw syntaxError("a truncated \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[offset..<offset + 4] {
            guard let digit = hexDigitValue(byte) else { throw syntaxError("a \\u escape with a non-hex digit") }
            value = value << 4 | digit
        }
        offset += 4
        return value
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII digit.
    var isASCIIDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}

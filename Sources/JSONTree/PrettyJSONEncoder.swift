/// Encodes `Encodable` values as indented JSON with sorted keys: the layout of Foundation's `JSONEncoder` with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (except that empty arrays and objects are written `[]`
/// and `{}`), several times faster and with a fraction of its memory, because reports of large images run to
/// megabytes and Foundation's encoder was most of a scan's time after matching.
///
/// Keys are sorted as Swift orders strings (by Unicode scalar values, so ASCII keys by their bytes): the order is the
/// same on every machine, where Foundation sorts with the system locale's case-insensitive, numeric comparison. A
/// key encoded twice in one container keeps the last value, as Foundation's does. Non-finite numbers are refused,
/// as JSON has no spelling for them.
public struct PrettyJSONEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The JSON text of `value`, ending without a newline.
    /// - Throws: `EncodingError.invalidValue` for a NaN or infinite number, or whatever `value`'s own encoding throws.
    public func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = TreeEncoder(path: nil)
        try value.encode(to: encoder)
        var writer = Writer()
        writer.bytes.reserveCapacity(1 << 16)
        writer.write(encoder.result ?? .object(ObjectNode()), depth: 0)
        return writer.bytes
    }
}

/// A value being encoded. Arrays and objects are shared references, because a container handed out by the encoder
/// is filled after it has been placed in its parent.
private enum Node {
    case null
    case bool(Bool)
    /// A string, escaped as it is written.
    case string(String)
    /// A number's JSON text.
    case number(String)
    case array(ArrayNode)
    case object(ObjectNode)
    /// A `superEncoder`'s value, known only once the caller has finished with it.
    case deferred(TreeEncoder)
}

private final class ArrayNode {
    var items: [Node] = []
}

private final class ObjectNode {
    var members: [(key: String, value: Node)] = []
}

/// Where a value sits in the document, kept as links to its parent so that a path is built only when something
/// asks for it (an error, or a type reading `codingPath`), not for each of a report's hundred thousand values.
private final class PathNode {
    let parent: PathNode?
    let key: any CodingKey

    init(_ parent: PathNode?, _ key: any CodingKey) {
        self.parent = parent
        self.key = key
    }

    static func keys(_ node: PathNode?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = node
        while let current = node {
            keys.append(current.key)
            node = current.parent
        }
        return keys.reversed()
    }
}

private final class TreeEncoder: Encoder {
    let path: PathNode?
    var codingPath: [any CodingKey] { PathNode.keys(path) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var result: Node?

    init(path: PathNode?) { self.path = path }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectNode
        if case .object(let existing) = result { object = existing } else {
            object = ObjectNode()
            result = .object(object)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(object: object, path: path))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ArrayNode
        if case .array(let existing) = result { array = existing } else {
            array = ArrayNode()
            result = .array(array)
        }
        return UnkeyedContainer(array: array, path: path)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }
}

/// The types JSON writes as scalars. Asking a value once whether it is one costs a single conformance lookup, where
/// trying each type in turn costs fourteen failed casts for every object and array in the document.
private protocol JSONScalar {
    func node(_ path: () -> PathNode?) throws -> Node
}

extension String: JSONScalar {
    fileprivate func node(_ path: () -> PathNode?) throws -> Node { .string(self) }
}

extension Bool: JSONScalar {
    fileprivate func node(_ path: () -> PathNode?) throws -> Node { .bool(self) }
}

private protocol JSONInteger: JSONScalar, BinaryInteger {}

extension JSONInteger {
    fileprivate func node(_ path: () -> PathNode?) throws -> Node { .number(String(self)) }
}

extension Int: JSONInteger {}
extension Int8: JSONInteger {}
extension Int16: JSONInteger {}
extension Int32: JSONInteger {}
extension Int64: JSONInteger {}
extension UInt: JSONInteger {}
extension UInt8: JSONInteger {}
extension UInt16: JSONInteger {}
extension UInt32: JSONInteger {}
extension UInt64: JSONInteger {}

private protocol JSONFloatingPoint: JSONScalar, BinaryFloatingPoint, LosslessStringConvertible {}

extension JSONFloatingPoint {
    /// The shortest text that reads back as the same number, without a trailing `.0`, as Foundation writes it.
    fileprivate func node(_ path: () -> PathNode?) throws -> Node {
        guard isFinite else {
            let context = EncodingError.Context(codingPath: PathNode.keys(path()),
                                                debugDescription: "\(self) has no JSON spelling")
            throw EncodingError.invalidValue(self, context)
        }
        var text = description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }
}

extension Double: JSONFloatingPoint {}
extension Float: JSONFloatingPoint {}

/// Nodes for values, shared by the three kinds of container.
private enum Scalar {
    /// The node for `value`: scalars directly, anything else through its own `encode(to:)` with the path `path`
    /// gives (made only when needed).
    static func node(_ value: some Encodable, path: () -> PathNode?) throws -> Node {
        if let scalar = value as? any JSONScalar { return try scalar.node(path) }
        let encoder = TreeEncoder(path: path())
        try value.encode(to: encoder)
        return encoder.result ?? .object(ObjectNode())
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectNode
    let path: PathNode?
    var codingPath: [any CodingKey] { PathNode.keys(path) }

    private func put(_ node: Node, _ key: Key) { object.members.append((key.stringValue, node)) }

    private func add(_ value: some Encodable, _ key: Key) throws {
        put(try Scalar.node(value, path: { PathNode(path, key) }), key)
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try add(value, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(try value.node { PathNode(path, key) }, key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = ObjectNode()
        put(.object(nested), key)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, path: PathNode(path, key)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayNode()
        put(.array(nested), key)
        return UnkeyedContainer(array: nested, path: PathNode(path, key))
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let encoder = TreeEncoder(path: path)
        object.members.append((name, .deferred(encoder)))
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: ArrayNode
    let path: PathNode?
    var codingPath: [any CodingKey] { PathNode.keys(path) }
    var count: Int { array.items.count }

    private var next: PathNode { PathNode(path, IndexKey(intValue: array.items.count)) }

    private func add(_ value: some Encodable) throws {
        array.items.append(try Scalar.node(value, path: { next }))
    }

    mutating func encodeNil() throws { array.items.append(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try add(value) }
    mutating func encode(_ value: Bool) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: String) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: Double) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: Float) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: Int) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: Int8) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: Int16) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: Int32) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: Int64) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: UInt) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: UInt8) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: UInt16) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: UInt32) throws { array.items.append(try value.node { next }) }
    mutating func encode(_ value: UInt64) throws { array.items.append(try value.node { next }) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = ObjectNode()
        let path = next
        array.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, path: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayNode()
        let path = next
        array.items.append(.array(nested))
        return UnkeyedContainer(array: nested, path: path)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = TreeEncoder(path: next)
        array.items.append(.deferred(encoder))
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func add(_ value: some Encodable) throws {
        encoder.result = try Scalar.node(value, path: { encoder.path })
    }

    func encodeNil() throws { encoder.result = .null }
    func encode<T: Encodable>(_ value: T) throws { try add(value) }
    func encode(_ value: Bool) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: String) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: Double) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: Float) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: Int) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: Int8) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: Int16) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: Int32) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: Int64) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: UInt) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: UInt8) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: UInt16) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: UInt32) throws { encoder.result = try value.node { encoder.path } }
    func encode(_ value: UInt64) throws { encoder.result = try value.node { encoder.path } }
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// Serializes nodes the way Foundation's pretty printer lays them out: two-space indents, `"key" : value`, empty
/// containers as `[]` and `{}`.
private struct Writer {
    var bytes: [UInt8] = []

    mutating func write(_ node: Node, depth: Int) {
        switch node {
        case .null:
            bytes.append(contentsOf: "null".utf8)
        case .bool(let flag):
            bytes.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .string(let text):
            Self.appendQuoted(text, to: &bytes)
        case .number(let text):
            bytes.append(contentsOf: text.utf8)
        case .deferred(let encoder):
            write(encoder.result ?? .object(ObjectNode()), depth: depth)
        case .array(let array):
            guard !array.items.isEmpty else { return bytes.append(contentsOf: "[]".utf8) }
            bytes.append(UInt8(ascii: "["))
            for (index, item) in array.items.enumerated() {
                bytes.append(contentsOf: index == 0 ? "\n".utf8 : ",\n".utf8)
                indent(depth + 1)
                write(item, depth: depth + 1)
            }
            bytes.append(UInt8(ascii: "\n"))
            indent(depth)
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            let members = Self.sortedLastWins(object)
            guard !members.isEmpty else { return bytes.append(contentsOf: "{}".utf8) }
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                bytes.append(contentsOf: index == 0 ? "\n".utf8 : ",\n".utf8)
                indent(depth + 1)
                Self.appendQuoted(member.key, to: &bytes)
                bytes.append(contentsOf: " : ".utf8)
                write(member.value, depth: depth + 1)
            }
            bytes.append(UInt8(ascii: "\n"))
            indent(depth)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func indent(_ depth: Int) {
        var remaining = depth * 2
        while remaining > 0 {
            let count = min(remaining, Self.spaces.count)
            bytes.append(contentsOf: Self.spaces[..<count])
            remaining -= count
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// Members ordered by key; of a key given twice, the last value.
    private static func sortedLastWins(_ object: ObjectNode) -> [(key: String, value: Node)] {
        let members = object.members
        guard zip(members, members.dropFirst()).contains(where: { !($0.key < $1.key) }) else { return members }
        let order = members.indices.sorted { a, b in
            members[a].key == members[b].key ? a < b : members[a].key < members[b].key
        }
        var sorted: [(key: String, value: Node)] = []
        sorted.reserveCapacity(members.count)
        for (position, index) in order.enumerated()
        where position + 1 == order.count || members[order[position + 1]].key != members[index].key {
            sorted.append(members[index])
        }
        return sorted
    }

    /// `text` as a JSON string: quote, backslash and control characters escaped, everything else as UTF-8.
    static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            var run = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                // Bytes that need no escape are copied in runs.
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index - 1]))
                run = index
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default: bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)],
                                                   hexDigits[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

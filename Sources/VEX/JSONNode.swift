import Foundation

/// A value of a parsed JSON document with its path (`$.statements[2].status`), so errors say where the document is
/// wrong. The SBOM readers have their own: this module does not depend on theirs.
struct JSONNode {
    /// `[String: Any]`, `[Any]`, `String`, `NSNumber` or `NSNull`, as `JSONSerialization` returns them.
    let value: Any
    /// Where the value is, as a JSONPath from the root `$`.
    let path: String
    /// The file, for errors.
    let source: String

    /// Parses `bytes` after checking that they nest no deeper than `maxDepth`.
    ///
    /// Why the check comes first: Foundation's parser recurses once per level of nesting, so a hostile file of a
    /// million `[` would exhaust the stack before the parser could refuse it.
    ///
    /// Shortcoming: a key repeated in one object is resolved by Foundation (one value wins) instead of refused, so
    /// a document written to read differently here and in a Go tool (which keeps the last) is not caught. The
    /// Forensics module's `JSONDuplicateKeys` finds them, but sits above this module in the flow.
    static func parse(_ bytes: [UInt8], source: String, maxDepth: Int) throws(VEXError) -> JSONNode {
        guard depth(of: bytes, upTo: maxDepth) <= maxDepth else { throw .tooDeep(source: source, limit: maxDepth) }
        do {
            let value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            return JSONNode(value: value, path: "$", source: source)
        } catch {
            let nsError = error as NSError
            let reason = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
            throw .notJSON(source: source, reason: reason)
        }
    }

    /// The member `key` of this object, or nil when it is absent or `null`.
    func member(_ key: String) throws(VEXError) -> JSONNode? {
        guard let object = value as? [String: Any] else { throw wrongType("an object") }
        guard let member = object[key], !(member is NSNull) else { return nil }
        return JSONNode(value: member, path: path + "." + key, source: source)
    }

    /// The member `key`, which must be there.
    func required(_ key: String) throws(VEXError) -> JSONNode {
        guard let member = try member(key) else { throw .missingField(source: source, path: path + "." + key) }
        return member
    }

    /// This value as a string of at most `VEXDocument.maxFieldLength` bytes.
    func string() throws(VEXError) -> String {
        guard let string = value as? String else { throw wrongType("a string") }
        // Why: statements' text is copied into the report beside each finding it decides.
        guard string.utf8.count <= VEXDocument.maxFieldLength else {
            throw .fieldTooLong(source: source, path: path, length: string.utf8.count,
                                limit: VEXDocument.maxFieldLength)
        }
        return string
    }

    /// The string member `key`, or nil when absent; an empty string counts as absent, as go-vex treats it.
    func string(_ key: String) throws(VEXError) -> String? {
        guard let text = try member(key)?.string(), !text.isEmpty else { return nil }
        return text
    }

    /// The elements of the array member `key`, or none when absent.
    func elements(_ key: String) throws(VEXError) -> [JSONNode] {
        guard let member = try member(key) else { return [] }
        guard let array = member.value as? [Any] else { throw member.wrongType("an array") }
        guard array.count <= VEXDocument.maxElements else {
            throw .tooManyElements(source: source, path: member.path, limit: VEXDocument.maxElements)
        }
        return array.enumerated().map { JSONNode(value: $1, path: member.path + "[\($0)]", source: source) }
    }

    /// An error saying this value should have been `expected`.
    func wrongType(_ expected: String) -> VEXError {
        .invalidValue(source: source, path: path, expected: expected)
    }

    /// The deepest nesting of arrays and objects outside strings, counted no further than one past `limit`.
    static func depth(of bytes: [UInt8], upTo limit: Int) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > limit { return deepest }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: continue
            }
        }
        return deepest
    }
}

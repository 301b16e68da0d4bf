import Foundation

/// The errors a reader of one document format raises while walking its JSON: each names the file and, where
/// one applies, the JSON path. A format's error enum conforms with cases of these shapes.
public protocol JSONTreeFailure: Error {
    static func notJSON(source: String, reason: String) -> Self
    static func tooDeep(source: String, limit: Int) -> Self
    static func missingField(source: String, path: String) -> Self
    static func invalidValue(source: String, path: String, expected: String) -> Self
    static func fieldTooLong(source: String, path: String, length: Int, limit: Int) -> Self
    static func tooManyElements(source: String, path: String, limit: Int) -> Self
}

/// A value of a parsed JSON document together with its path (`$.components[3].purl`), so that every error a
/// reader raises can say where in which file the document went wrong.
public struct JSONTree<Failure: JSONTreeFailure> {
    /// `[String: Any]`, `[Any]`, `String`, `NSNumber` or `NSNull`, as `JSONSerialization` returns them.
    public let value: Any
    /// Where the value is, as a JSONPath from the root `$`.
    public let path: String
    /// The file, for errors.
    public let source: String

    /// Wraps a value found at `path` of `source`.
    public init(value: Any, path: String, source: String) {
        self.value = value
        self.path = path
        self.source = source
    }

    /// Parses `bytes` after checking that they nest no deeper than `maxDepth`.
    ///
    /// Why the check comes first: Foundation's parser recurses once per level of nesting, so a hostile file of a
    /// million `[` would exhaust the stack before the parser could refuse it.
    ///
    /// Shortcoming: a key repeated in one object is resolved by Foundation (one value wins) instead of refused, so
    /// a document written to read differently here and in a Go tool (which keeps the last) is not caught. The
    /// Forensics module's `JSONDuplicateKeys` finds them, but sits above the readers in the flow.
    public static func parse(_ bytes: [UInt8], source: String, maxDepth: Int) throws(Failure) -> JSONTree {
        guard JSONDepth.of(bytes, upTo: maxDepth) <= maxDepth else { throw .tooDeep(source: source, limit: maxDepth) }
        do {
            let value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            return JSONTree(value: value, path: "$", source: source)
        } catch {
            throw .notJSON(source: source, reason: JSONDepth.reason(error))
        }
    }

    /// The member `key` of this object, or nil when it is absent or `null`.
    /// - Throws: an `invalidValue` failure when this value is not an object.
    public func member(_ key: String) throws(Failure) -> JSONTree? {
        guard let object = value as? [String: Any] else { throw wrongType("an object") }
        guard let member = object[key], !(member is NSNull) else { return nil }
        return JSONTree(value: member, path: path + "." + key, source: source)
    }

    /// The member `key`, which must be there.
    public func required(_ key: String) throws(Failure) -> JSONTree {
        guard let member = try member(key) else { throw .missingField(source: source, path: path + "." + key) }
        return member
    }

    /// This value as a string no longer than `limit` bytes.
    ///
    /// Why the limit: names, versions and statements are copied into every finding and report line that quotes
    /// them; a 10 MB "name" would be copied with them.
    public func string(limit: Int) throws(Failure) -> String {
        guard let string = value as? String else { throw wrongType("a string") }
        guard string.utf8.count <= limit else {
            throw .fieldTooLong(source: source, path: path, length: string.utf8.count, limit: limit)
        }
        return string
    }

    /// This value's elements, when it is an array of at most `limit` of them.
    public func elements(limit: Int) throws(Failure) -> [JSONTree] {
        guard let array = value as? [Any] else { throw wrongType("an array") }
        guard array.count <= limit else { throw .tooManyElements(source: source, path: path, limit: limit) }
        return array.enumerated().map { JSONTree(value: $1, path: path + "[\($0)]", source: source) }
    }

    /// The elements of the array member `key`, or none when absent.
    public func elements(_ key: String, limit: Int) throws(Failure) -> [JSONTree] {
        try member(key)?.elements(limit: limit) ?? []
    }

    /// A failure saying this value should have been `expected`.
    public func wrongType(_ expected: String) -> Failure {
        .invalidValue(source: source, path: path, expected: expected)
    }
}

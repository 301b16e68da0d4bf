/// Typed reading of one JSON object of an OSV record, with the object's path for errors.
///
/// Every accessor checks the JSON type the schema gives the field and throws an `OSVError` naming the field when it
/// differs: a record whose `aliases` is a string is refused, not read as having no aliases.
struct OSVObject {
    let source: String
    let path: [JSONPathComponent]
    let members: [(key: String, value: JSONValue)]

    /// Reads `value` as an object, or throws naming `path`.
    init(_ value: JSONValue, source: String, path: [JSONPathComponent]) throws(OSVError) {
        guard case .object(let members) = value else {
            throw OSVError(source: source, field: renderJSONPath(path),
                           reason: "expected an object, found \(value.typeName)")
        }
        self.source = source
        self.path = path
        self.members = members
    }

    /// An error about the member `key`, or about the object itself when `key` is nil.
    func error(_ key: String?, _ reason: String) -> OSVError {
        OSVError(source: source, field: renderJSONPath(key.map { path + [.key($0)] } ?? path), reason: reason)
    }

    /// The member's value, if present. Objects are short, and parsing refused repeated keys, so the first match is
    /// the only one.
    func value(_ key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    /// A string member; nil when absent.
    func string(_ key: String) throws(OSVError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let string) = value else { throw error(key, "expected a string, found \(value.typeName)") }
        return string
    }

    /// A string member that must be present and is an identifier-like token: non-empty, at most
    /// `OSVLimits.maxTokenBytes` bytes, no control characters.
    func requiredToken(_ key: String) throws(OSVError) -> String {
        guard let token = try string(key) else { throw error(key, "missing") }
        try checkToken(token, key: key)
        return token
    }

    /// Checks that a string is a usable token (see `requiredToken`).
    func checkToken(_ token: String, key: String) throws(OSVError) {
        guard !token.isEmpty else { throw error(key, "empty") }
        guard token.utf8.count <= OSVLimits.maxTokenBytes else {
            throw error(key, "\(token.utf8.count) bytes long, over the limit of \(OSVLimits.maxTokenBytes)")
        }
        // Identifiers and versions end up in reports, file names and terminal output: control characters in them
        // could rewrite what a reader sees.
        guard !token.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw error(key, "contains a control character")
        }
    }

    /// A nested object member; nil when absent.
    func object(_ key: String) throws(OSVError) -> OSVObject? {
        guard let value = value(key) else { return nil }
        return try OSVObject(value, source: source, path: path + [.key(key)])
    }

    /// An array member; nil when absent, or when null and the schema allows null. More than `limit` elements is an
    /// error naming the limit, checked before any element is read.
    func array(_ key: String, limit: Int, nullable: Bool = false) throws(OSVError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        if case .null = value, nullable { return nil }
        guard case .array(let elements) = value else { throw error(key, "expected an array, found \(value.typeName)") }
        guard elements.count <= limit else {
            throw error(key, "\(elements.count) entries, over the limit of \(limit)")
        }
        return elements
    }

    /// An array of strings; empty when absent (or null where allowed).
    func strings(_ key: String, limit: Int, nullable: Bool = false) throws(OSVError) -> [String] {
        guard let elements = try array(key, limit: limit, nullable: nullable) else { return [] }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case .string(let string) = element else {
                throw OSVError(source: source, field: renderJSONPath(path + [.key(key), .index(index)]),
                               reason: "expected a string, found \(element.typeName)")
            }
            strings.append(string)
        }
        return strings
    }

    /// The objects of an array member, each with its path; empty when absent (or null where allowed).
    func objects(_ key: String, limit: Int, nullable: Bool = false) throws(OSVError) -> [OSVObject] {
        guard let elements = try array(key, limit: limit, nullable: nullable) else { return [] }
        var objects: [OSVObject] = []
        objects.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            objects.append(try OSVObject(element, source: source, path: path + [.key(key), .index(index)]))
        }
        return objects
    }

    /// Checks that a member, when present, is an object (for blocks such as `database_specific` that are kept
    /// opaque but whose type the schema fixes).
    func requireObjectIfPresent(_ key: String) throws(OSVError) {
        _ = try object(key)
    }
}

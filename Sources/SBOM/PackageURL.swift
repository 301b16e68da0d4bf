/// A package URL as the purl specification writes it: `pkg:type/namespace/name@version?qualifiers#subpath`.
///
/// The components are kept normalised as the specification's build rules and the type's definition ask, so two
/// purls for the same package compare equal and `description` is the canonical string.
public struct PackageURL: Sendable, Hashable, CustomStringConvertible {
    /// The purl type, lowercase (`deb`, `pypi`, `maven`).
    public private(set) var type: String
    /// The namespace (a distribution, a Maven group, an npm scope), if any: segments joined by `/`, none empty.
    public private(set) var namespace: String?
    /// The name, normalised as the type asks (`Django_package` is `django-package` for `pypi`).
    public private(set) var name: String
    /// The version, if any.
    public private(set) var version: String?
    /// Qualifiers by lowercase key; empty values are left out.
    public private(set) var qualifiers: [String: String]
    /// A path inside the package, if any: segments joined by `/`, none empty, `.` or `..`.
    public private(set) var subpath: String?

    /// Creates a purl from its components, normalised as the specification's build rules ask.
    ///
    /// Any text is accepted; call `validate()` to check what the specification forbids (a missing type or name,
    /// a malformed qualifier key), as `init(parsing:)` does.
    public init(type: String, namespace: String? = nil, name: String, version: String? = nil,
                qualifiers: [String: String] = [:], subpath: String? = nil) {
        let type = type.lowercased()
        let rules = TypeRules.of(type)
        self.type = type
        let segments = (namespace ?? "").split(separator: "/")
            .map { rules.lowercasesNamespace ? $0.lowercased() : String($0) }
        self.namespace = segments.isEmpty ? nil : segments.joined(separator: "/")
        self.name = rules.normaliseName(name)
        self.version = version?.isEmpty == false ? version : nil
        var kept: [String: String] = [:]
        for (key, value) in qualifiers where !value.isEmpty { kept[key.lowercased()] = value }
        self.qualifiers = kept
        let pathSegments = (subpath ?? "").split(separator: "/").filter { $0 != "." && $0 != ".." }
        self.subpath = pathSegments.isEmpty ? nil : pathSegments.joined(separator: "/")
    }

    /// Checks what the specification forbids in the components.
    /// - Throws: `PackageURLError` naming the purl and the component at fault.
    public func validate() throws(PackageURLError) {
        guard Self.isValidType(type) else { throw .invalidType(purl: description, type: type) }
        guard !name.isEmpty else { throw .missingName(purl: description) }
        for key in qualifiers.keys.sorted() where !Self.isValidQualifierKey(key) {
            throw .invalidQualifierKey(purl: description, key: key)
        }
    }

    /// The canonical string form.
    public var description: String {
        var text = "pkg:" + type + "/"
        if let namespace {
            text += namespace.split(separator: "/").map { Self.encode(String($0)) }.joined(separator: "/") + "/"
        }
        text += Self.encode(name)
        if let version { text += "@" + Self.encode(version) }
        if !qualifiers.isEmpty {
            // The specification's own canonical forms keep `/` in qualifier values (`repository_url=repo.spring.io/x`).
            text += "?" + qualifiers.sorted { $0.key < $1.key }
                .map { $0.key + "=" + Self.encode($0.value, keeping: [UInt8(ascii: "/")]) }.joined(separator: "&")
        }
        if let subpath {
            text += "#" + subpath.split(separator: "/").map { Self.encode(String($0)) }.joined(separator: "/")
        }
        return text
    }

    /// A type is ASCII letters, digits, `.`, `+` and `-`, and does not start with a digit.
    static func isValidType(_ type: String) -> Bool {
        guard let first = type.utf8.first, !isDigit(first) else { return false }
        return type.utf8.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "+")
            || $0 == UInt8(ascii: "-") }
    }

    /// A qualifier key is ASCII letters, digits, `.`, `-` and `_`, and does not start with a digit.
    static func isValidQualifierKey(_ key: String) -> Bool {
        guard let first = key.utf8.first, !isDigit(first) else { return false }
        return key.utf8.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
            || $0 == UInt8(ascii: "_") }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}

/// A package URL as the purl specification writes it: `pkg:type/namespace/name@version?qualifiers#subpath`.
public struct PackageURL: Sendable, Hashable, CustomStringConvertible {
    /// The purl type, lowercase (`deb`, `pypi`, `maven`).
    public var type: String
    /// The namespace (a distribution, a Maven group, an npm scope), if any.
    public var namespace: String?
    /// The name.
    public var name: String
    /// The version, if any.
    public var version: String?
    /// Qualifiers, written sorted by key; empty values are left out.
    public var qualifiers: [String: String]
    /// A path inside the package, if any.
    public var subpath: String?

    /// Creates a purl.
    public init(type: String, namespace: String? = nil, name: String, version: String? = nil,
                qualifiers: [String: String] = [:], subpath: String? = nil) {
        self.type = type
        self.namespace = namespace
        self.name = name
        self.version = version
        self.qualifiers = qualifiers
        self.subpath = subpath
    }

    /// The canonical string form.
    public var description: String {
        var text = "pkg:" + type.lowercased() + "/"
        if let namespace, !namespace.isEmpty {
            text += namespace.split(separator: "/").map { Self.encode(String($0)) }.joined(separator: "/") + "/"
        }
        text += Self.encode(name)
        if let version, !version.isEmpty { text += "@" + Self.encode(version) }
        let pairs = qualifiers.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        if !pairs.isEmpty {
            text += "?" + pairs.map { $0.key.lowercased() + "=" + Self.encode($0.value, keepSlash: false) }
                .joined(separator: "&")
        }
        if let subpath, !subpath.isEmpty {
            let segments = subpath.split(separator: "/").filter { $0 != "." && $0 != ".." }
            text += "#" + segments.map { Self.encode(String($0)) }.joined(separator: "/")
        }
        return text
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986) and `:`, as the purl spec asks.
    static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: ":"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                result += "/"
            default:
                let digits = Array("0123456789ABCDEF")
                result += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xf)])
            }
        }
        return result
    }
}

/// Why a package URL was rejected. Each case carries the purl, shortened when long.
public enum PackageURLError: Error, Equatable, CustomStringConvertible {
    /// The text does not start with the `pkg:` scheme.
    case missingScheme(purl: String)
    /// The type is missing, has a character other than ASCII letters, digits, `.`, `+` and `-`, or starts with
    /// a digit.
    case invalidType(purl: String, type: String)
    /// The name is missing.
    case missingName(purl: String)
    /// A qualifier key is empty, has a character other than ASCII letters, digits, `.`, `-` and `_`, or starts
    /// with a digit.
    case invalidQualifierKey(purl: String, key: String)
    /// A qualifier key appears twice.
    case duplicateQualifierKey(purl: String, key: String)
    /// A qualifier has no `=`.
    case qualifierWithoutValue(purl: String, qualifier: String)
    /// A `%` is not followed by two hex digits, or the decoded bytes are not UTF-8.
    case invalidPercentEncoding(purl: String, component: String)
    /// A namespace or subpath segment decodes to text with a `/`, which would change the purl's structure.
    case slashInSegment(purl: String, segment: String)

    public var description: String {
        switch self {
        case .missingScheme(let purl): "purl \(Self.quote(purl)): does not start with 'pkg:'"
        case .invalidType(let purl, let type): "purl \(Self.quote(purl)): invalid type \(Self.quote(type))"
        case .missingName(let purl): "purl \(Self.quote(purl)): no name"
        case .invalidQualifierKey(let purl, let key):
            "purl \(Self.quote(purl)): invalid qualifier key \(Self.quote(key))"
        case .duplicateQualifierKey(let purl, let key):
            "purl \(Self.quote(purl)): qualifier key \(Self.quote(key)) appears twice"
        case .qualifierWithoutValue(let purl, let qualifier):
            "purl \(Self.quote(purl)): qualifier \(Self.quote(qualifier)) has no '='"
        case .invalidPercentEncoding(let purl, let component):
            "purl \(Self.quote(purl)): invalid percent-encoding in \(Self.quote(component))"
        case .slashInSegment(let purl, let segment):
            "purl \(Self.quote(purl)): segment \(Self.quote(segment)) decodes to text with '/'"
        }
    }

    /// Why: purls come from SBOMs and package metadata an attacker may write; a megabyte-long one should not
    /// become a megabyte-long message.
    static let maxQuotedLength = 200

    private static func quote(_ text: String) -> String {
        text.count <= maxQuotedLength ? "'\(text)'" : "'\(text.prefix(maxQuotedLength))…'"
    }
}

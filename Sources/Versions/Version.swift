/// A version string parsed under a scheme, ordered by that scheme's rules.
///
/// The string is parsed once, when the value is made; comparing two values then only walks their parsed forms, which
/// matters when one installed version is compared with the bounds of many advisory ranges. Equality is the scheme's
/// (Maven `1.0 == 1`, PEP 440 `1.0 == 1.0.0`, dpkg `1.0 == 0:1.0`), not equality of the text.
public struct Version: Sendable, Comparable, CustomStringConvertible {
    /// Inputs longer than this are rejected before parsing. Real version strings are short (the longest in Debian,
    /// Fedora and Alpine archives are under 100 bytes); the bound keeps parsing and comparing cheap whatever an image
    /// or an advisory feed holds.
    public static let maximumLength = 256

    /// The scheme whose rules order this version.
    public let scheme: VersionScheme
    /// The string as given.
    public let text: String
    let parsed: ParsedVersion

    /// Parses a version string under a scheme.
    /// - Parameters:
    ///   - text: The version string.
    ///   - scheme: The ecosystem rules to read it with.
    /// - Throws: `VersionError` when the scheme rejects the string or it is longer than `maximumLength` bytes.
    public init(_ text: String, scheme: VersionScheme) throws(VersionError) {
        // Checked before any parsing so that no scheme's parser ever walks an unbounded string.
        guard text.utf8.count <= Version.maximumLength else {
            throw VersionError(text, scheme, "longer than \(Version.maximumLength) bytes")
        }
        self.scheme = scheme
        self.text = text
        switch scheme {
        case .dpkg: parsed = Parsed(try DpkgVersion(parsing: text))
        case .rpm: parsed = Parsed(try RpmVersion(parsing: text))
        case .apk: parsed = Parsed(try ApkVersion(parsing: text))
        case .pep440: parsed = Parsed(try PEP440Version(parsing: text))
        case .semver: parsed = Parsed(try SemanticVersion(parsing: text))
        case .maven: parsed = Parsed(try MavenVersion(parsing: text))
        case .rubygems: parsed = Parsed(try RubyGemsVersion(parsing: text))
        }
    }

    /// -1, 0 or 1 as this version sorts before, with or after `other` under their scheme.
    ///
    /// Both must be of the same scheme: there is no meaningful order between, say, a dpkg and a Maven version, so
    /// mixing them is a programming error and stops the program.
    public func compare(to other: Version) -> Int {
        precondition(scheme == other.scheme, "comparing a \(scheme) version with a \(other.scheme) version")
        return parsed.compare(to: other.parsed)
    }

    /// Whether two versions are equal under their scheme's rules.
    public static func == (lhs: Version, rhs: Version) -> Bool { lhs.compare(to: rhs) == 0 }

    /// Whether `lhs` sorts before `rhs` under their scheme's rules.
    public static func < (lhs: Version, rhs: Version) -> Bool { lhs.compare(to: rhs) < 0 }

    /// The string as given.
    public var description: String { text }
}

/// What each scheme's parsed form provides.
protocol SchemeVersion: Sendable {
    /// -1, 0 or 1 as `self` sorts before, with or after `other`.
    func compare(to other: Self) -> Int
}

/// The parsed form of a version, behind one reference: copying a `Version` then costs one retain however many
/// arrays the parsed form holds, and comparing reads both forms in place instead of copying them out of an enum.
class ParsedVersion: @unchecked Sendable {
    // Unchecked only because a non-final class cannot be checked; it has no stored state, and its one subclass holds
    // a single immutable Sendable value.

    /// Compares with a parsed form of the same scheme (the caller has checked the schemes match).
    func compare(to other: ParsedVersion) -> Int { preconditionFailure("abstract") }
}

/// The parsed form of one scheme.
final class Parsed<Value: SchemeVersion>: ParsedVersion, @unchecked Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }

    override func compare(to other: ParsedVersion) -> Int {
        // Safe: `Version.compare(to:)` checked both versions have the same scheme, and a scheme has one parsed type.
        value.compare(to: unsafeDowncast(other, to: Parsed<Value>.self).value)
    }
}

extension VersionError {
    /// An error whose shown version is shortened when it is over the length bound, so a hostile string cannot make
    /// a message (and a log line) of unbounded size.
    init(_ text: String, _ scheme: VersionScheme, _ reason: String) {
        let shown = text.utf8.count > Version.maximumLength ? String(text.prefix(64)) + "…" : text
        self.init(version: shown, scheme: scheme, reason: reason)
    }
}

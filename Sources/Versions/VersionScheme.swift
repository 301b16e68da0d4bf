/// The rules by which one ecosystem orders its version strings.
///
/// Vulnerability matching compares an installed version with the bounds of advisory ranges, so each ecosystem's own
/// rules are followed exactly: dpkg's epochs and `~`, rpm's rpmvercmp, apk's suffixes, PEP 440's normal form, the
/// precedence of Semantic Versioning 2.0.0 (npm, Go, crates.io; a leading `v` accepted), Maven's ComparableVersion
/// and RubyGems' Gem::Version.
public enum VersionScheme: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case dpkg, rpm, apk, pep440, semver, maven, rubygems

    public var description: String { rawValue }
}

/// Why a string is not a version of a scheme.
public struct VersionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The string as given.
    public var version: String
    /// The scheme it was read under.
    public var scheme: VersionScheme
    /// What is wrong with it, e.g. `epoch is not a number`.
    public var reason: String

    /// Creates an error.
    public init(version: String, scheme: VersionScheme, reason: String) {
        self.version = version
        self.scheme = scheme
        self.reason = reason
    }

    public var description: String { "\(scheme) version \"\(version)\": \(reason)" }
}

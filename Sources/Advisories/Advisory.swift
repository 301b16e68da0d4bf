/// One advisory in the Open Source Vulnerability (OSV) format, reduced to what matching and the report use.
///
/// Field names follow the OSV schema (`https://ossf.github.io/osv-schema/`). Records are untrusted input:
/// `OSVRecord.parse` checks them before an `Advisory` exists, so code holding one may rely on its invariants (an
/// `id`, a `modified` time, and in each range at least one `introduced` event).
public struct Advisory: Sendable, Codable, Equatable {
    /// The record's ID, e.g. `GHSA-xxxx-xxxx-xxxx`, `DEBIAN-CVE-2024-1234`, `GO-2024-0001`.
    public var id: String
    /// When the record last changed, RFC 3339 as written.
    public var modified: String
    /// When it was published, RFC 3339 as written.
    public var published: String?
    /// When it was withdrawn; a withdrawn advisory matches nothing.
    public var withdrawn: String?
    /// Other IDs for the same vulnerability (CVE IDs among them).
    public var aliases: [String]
    /// IDs of related but different vulnerabilities.
    public var related: [String]
    /// A one-line summary.
    public var summary: String?
    /// The longer description.
    public var details: String?
    /// Severity scores of the whole record.
    public var severity: [SeverityScore]
    /// The packages and versions it affects.
    public var affected: [Affected]
    /// Links: advisories, fixes, reports.
    public var references: [Reference]

    /// Creates an advisory.
    public init(id: String, modified: String, published: String? = nil, withdrawn: String? = nil,
                aliases: [String] = [], related: [String] = [], summary: String? = nil, details: String? = nil,
                severity: [SeverityScore] = [], affected: [Affected] = [], references: [Reference] = []) {
        self.id = id
        self.modified = modified
        self.published = published
        self.withdrawn = withdrawn
        self.aliases = aliases
        self.related = related
        self.summary = summary
        self.details = details
        self.severity = severity
        self.affected = affected
        self.references = references
    }
}

/// A severity as OSV writes it: a type (`CVSS_V3`, `CVSS_V4`, `CVSS_V2`, `Ubuntu`) and its score string, for CVSS
/// the vector.
public struct SeverityScore: Sendable, Codable, Equatable {
    /// The scoring system.
    public var type: String
    /// The score or vector, e.g. `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`.
    public var score: String

    /// Creates a score.
    public init(type: String, score: String) {
        self.type = type
        self.score = score
    }
}

/// A link of an advisory.
public struct Reference: Sendable, Codable, Equatable {
    /// `ADVISORY`, `ARTICLE`, `FIX`, `REPORT`, `WEB`, …
    public var type: String
    /// The URL.
    public var url: String

    /// Creates a reference.
    public init(type: String, url: String) {
        self.type = type
        self.url = url
    }
}

/// One package an advisory affects, with the versions it affects.
public struct Affected: Sendable, Codable, Equatable {
    /// The package: an ecosystem (`Debian:12`, `PyPI`, `Go`) and a name as that ecosystem spells it.
    public var package: AffectedPackage
    /// Version ranges; a version in any of them is affected.
    public var ranges: [AffectedRange]
    /// Versions listed one by one; a version equal to one of them is affected.
    public var versions: [String]
    /// Severity scores for this package only (OSV 1.6), overriding the record's.
    public var severity: [SeverityScore]

    /// Creates an affected package.
    public init(package: AffectedPackage, ranges: [AffectedRange] = [], versions: [String] = [],
                severity: [SeverityScore] = []) {
        self.package = package
        self.ranges = ranges
        self.versions = versions
        self.severity = severity
    }
}

/// The package of an `Affected` entry.
public struct AffectedPackage: Sendable, Codable, Equatable {
    /// The ecosystem with its release where it has one: `Debian:12`, `Alpine:v3.19`, `PyPI`.
    public var ecosystem: String
    /// The name as the ecosystem spells it (for Debian and Ubuntu, the source package).
    public var name: String
    /// A purl naming the package, when the record gives one.
    public var purl: String?

    /// Creates a package.
    public init(ecosystem: String, name: String, purl: String? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.purl = purl
    }
}

/// A range of affected versions: events in order, read as OSV's evaluation algorithm says.
public struct AffectedRange: Sendable, Codable, Equatable {
    /// How versions in the events compare.
    public enum Kind: String, Sendable, Codable {
        /// Semantic Versioning 2.0.0 precedence, whatever the ecosystem.
        case semver = "SEMVER"
        /// The ecosystem's own ordering.
        case ecosystem = "ECOSYSTEM"
        /// Commit hashes of a repository: not comparable with package versions, so never matched.
        case git = "GIT"
    }

    /// How the events compare.
    public var type: Kind
    /// The repository of a `GIT` range.
    public var repo: String?
    /// The events, in the order the record lists them.
    public var events: [RangeEvent]

    /// Creates a range.
    public init(type: Kind, repo: String? = nil, events: [RangeEvent]) {
        self.type = type
        self.repo = repo
        self.events = events
    }
}

/// One event of a range.
public enum RangeEvent: Sendable, Codable, Equatable {
    /// Versions from this one on are affected; `0` means from the first version.
    case introduced(String)
    /// This version and later are not affected.
    case fixed(String)
    /// Versions after this one are not affected.
    case lastAffected(String)
    /// An upper bound on the range, exclusive: versions at or above it are not affected.
    case limit(String)
}

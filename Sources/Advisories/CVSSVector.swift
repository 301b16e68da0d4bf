/// A CVSS vector with its base score, parsed and computed per the FIRST specification of its version.
///
/// The score is always computed from the metrics, never taken from a label stored beside the vector: advisories are
/// untrusted input, and a stored score can disagree with its own vector.
public struct CVSSVector: Sendable, Equatable, CustomStringConvertible {
    /// The CVSS versions that are scored, as their vector prefix writes them; v2 vectors have no prefix.
    public enum Version: String, Sendable {
        /// CVSS v2 (2007), written without prefix: `AV:N/AC:L/Au:N/C:P/I:P/A:P`.
        case v2_0 = "2.0"
        /// CVSS v3.0 (2015), `CVSS:3.0/…`.
        case v3_0 = "3.0"
        /// CVSS v3.1 (2019), `CVSS:3.1/…`: v3.0's metrics with a Roundup free of floating-point error.
        case v3_1 = "3.1"
        /// CVSS v4.0 (2023), `CVSS:4.0/…`, scored through MacroVectors.
        case v4_0 = "4.0"
    }

    /// The qualitative severity rating scale that FIRST defines for v3 and v4 scores (v2 scores use NVD's scale).
    public enum Rating: String, Sendable, Comparable {
        /// 0.0.
        case none
        /// 0.1 to 3.9.
        case low
        /// 4.0 to 6.9.
        case medium
        /// 7.0 to 8.9.
        case high
        /// 9.0 to 10.0.
        case critical

        /// The rating of a score: 0 none, 0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical.
        public init(score: Double) {
            switch score {
            case ..<0.1: self = .none
            case ..<4.0: self = .low
            case ..<7.0: self = .medium
            case ..<9.0: self = .high
            default: self = .critical
            }
        }

        /// Orders ratings from `none` to `critical`.
        public static func < (lhs: Rating, rhs: Rating) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int {
            switch self {
            case .none: 0
            case .low: 1
            case .medium: 2
            case .high: 3
            case .critical: 4
            }
        }
    }

    /// The longest vector accepted, in UTF-8 bytes. The longest valid v4.0 vector, every optional metric written
    /// out, has 178 bytes (more with metrics repeated as X, which is still valid); the bound keeps a hostile string
    /// from costing more than a few such vectors to reject.
    public static let maximumLength = 512

    /// The version named by the vector's prefix.
    public let version: Version
    /// The vector as given.
    public let text: String
    /// The base score, 0.0 to 10.0 with one decimal, rounded as the version's specification rounds it.
    public let baseScore: Double

    /// The qualitative severity of the base score. CVSS v2 defines no scale; NVD's is used for it, which has only
    /// low (0.0–3.9), medium and high (7.0–10.0).
    public var rating: Rating {
        guard version == .v2_0 else { return Rating(score: baseScore) }
        return baseScore < 4 ? .low : baseScore < 7 ? .medium : .high
    }

    /// The vector, its base score and its rating.
    public var description: String { "\(text) (\(baseScore), \(rating.rawValue))" }

    /// Parses a vector string and computes its base score.
    ///
    /// Threat, temporal, environmental and supplemental metrics are checked when present, but the score returned is
    /// the base score, computed from the base metrics alone.
    /// - Throws: `CVSSError` saying what is wrong: length, characters, version prefix, a field, a metric or value.
    public init(parsing text: String) throws(CVSSError) {
        try Self.checkCharacters(of: text)
        let (version, fields) = try Self.splitPrefix(of: text)
        self.version = version
        self.text = text
        let metrics = try CVSSMetricTable.of(version).parse(fields: fields, of: text)
        switch version {
        case .v2_0: self.baseScore = CVSS2Score.baseScore(of: metrics)
        case .v3_0, .v3_1: self.baseScore = CVSS3Score.baseScore(of: metrics, roundingAs: version)
        case .v4_0: self.baseScore = CVSS4Score.baseScore(of: metrics)
        }
    }

    /// Rejects overlong and non-ASCII vectors before any splitting.
    ///
    /// Vectors are plain ASCII. Checking bytes first bounds the work on hostile input and keeps Unicode out of the
    /// parser, where a combining mark after `/` or `:` would merge with it into one `Character` and hide a separator.
    private static func checkCharacters(of text: String) throws(CVSSError) {
        let length = text.utf8.count
        guard length <= maximumLength else { throw CVSSError(vector: text, problem: .tooLong(length: length)) }
        guard length > 0 else { throw CVSSError(vector: text, problem: .empty) }
        if let index = text.utf8.firstIndex(where: { $0 < 0x21 || $0 > 0x7E }) {
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: index)
            throw CVSSError(vector: text, problem: .invalidCharacter(offset: offset))
        }
    }

    /// Splits `CVSS:<version>/` from the metric fields; a vector without prefix is v2 when it has v2's metrics.
    private static func splitPrefix(of text: String) throws(CVSSError) -> (Version, Substring) {
        guard text.hasPrefix("CVSS:") else {
            guard looksLikeVersion2(text) else { throw CVSSError(vector: text, problem: .missingVersionPrefix) }
            return (.v2_0, text[...])
        }
        let prefixEnd = text.firstIndex(of: "/") ?? text.endIndex
        let prefix = text[..<prefixEnd]
        // CVSS v2 vectors are written without a prefix; `CVSS:2.0/` is not a form its guide defines.
        guard let version = Version(rawValue: String(prefix.dropFirst("CVSS:".count))), version != .v2_0 else {
            throw CVSSError(vector: text, problem: .unknownVersionPrefix(String(prefix)))
        }
        guard prefixEnd < text.endIndex else {
            let mandatory = CVSSMetricTable.of(version).definitions.filter(\.isMandatory).map(\.name)
            throw CVSSError(vector: text, problem: .missingMandatoryMetrics(mandatory))
        }
        return (version, text[text.index(after: prefixEnd)...])
    }

    /// Whether a vector without prefix has CVSS v2's `Au` (authentication) metric, which v3 and v4 lack.
    private static func looksLikeVersion2(_ text: String) -> Bool {
        text.split(separator: "/").contains { $0.hasPrefix("Au:") }
    }
}

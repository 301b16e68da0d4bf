/// Why a CVSS vector string could not be scored: the vector (shortened when hostile) and what is wrong with it.
public struct CVSSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the vector.
    public enum Problem: Sendable, Equatable {
        /// The vector is longer than `CVSSVector.maximumLength` bytes.
        case tooLong(length: Int)
        /// The vector is the empty string.
        case empty
        /// A byte that is not printable ASCII, at this UTF-8 offset.
        case invalidCharacter(offset: Int)
        /// No `CVSS:<version>/` prefix, and no `Au` metric to make it a CVSS v2 vector.
        case missingVersionPrefix
        /// A `CVSS:` prefix naming a version that is not scored (e.g. `CVSS:2.0`, `CVSS:3.2`).
        case unknownVersionPrefix(String)
        /// An empty field: a doubled or trailing `/`; the position counts fields after the prefix from 1.
        case emptyField(position: Int)
        /// A field that is not `metric:value`.
        case malformedField(String)
        /// A metric the version does not define.
        case unknownMetric(String)
        /// A metric that appears twice.
        case duplicateMetric(String)
        /// A value the metric does not take, with the values it does.
        case badValue(metric: String, value: String, allowed: [String])
        /// Mandatory base metrics that are absent, in the specification's order.
        case missingMandatoryMetrics([String])
    }

    /// The vector as given, cut to `CVSSVector.maximumLength` characters.
    public let vector: String
    /// What is wrong.
    public let problem: Problem

    /// Creates an error; a long vector is cut so an error never carries an attacker's megabytes.
    public init(vector: String, problem: Problem) {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: vector.unicodeScalars.prefix(CVSSVector.maximumLength))
        self.vector = String(kept)
        self.problem = problem
    }

    /// The vector, quoted with non-printable characters escaped, and the problem.
    public var description: String {
        "CVSS vector \(Self.quoted(vector)): \(problemDescription)"
    }

    private var problemDescription: String {
        switch problem {
        case .tooLong(let length):
            return "\(length) bytes long, more than the \(CVSSVector.maximumLength) a vector may have"
        case .empty:
            return "empty"
        case .invalidCharacter(let offset):
            return "byte \(offset) is not printable ASCII"
        case .missingVersionPrefix:
            return "no CVSS:<version>/ prefix"
        case .unknownVersionPrefix(let prefix):
            return "unknown version prefix \(Self.quoted(prefix)); scored are CVSS:3.0, CVSS:3.1, CVSS:4.0 "
                + "and v2 without prefix"
        case .emptyField(let position):
            return "field \(position) is empty (a doubled or trailing '/')"
        case .malformedField(let field):
            return "field \(Self.quoted(field)) is not metric:value"
        case .unknownMetric(let metric):
            return "unknown metric \(Self.quoted(metric))"
        case .duplicateMetric(let metric):
            return "metric \(metric) appears more than once"
        case .badValue(let metric, let value, let allowed):
            return "metric \(metric) has value \(Self.quoted(value)), "
                + "expected one of \(allowed.joined(separator: ", "))"
        case .missingMandatoryMetrics(let metrics):
            return "missing mandatory metric\(metrics.count == 1 ? "" : "s") \(metrics.joined(separator: ", "))"
        }
    }

    /// Quotes text for a message; escapes control and non-ASCII characters so a hostile vector cannot forge lines
    /// or terminal sequences in a log.
    static func quoted(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\""
    }
}

import Foundation

/// An independent CVSS calculator to check ours against: Red Hat's `cvss` package in a Python venv kept in the test
/// cache, driven through `tools/cvss-scores.py`.
public struct CVSSOracle: Sendable {
    /// Pinned so that a library release cannot change the expected scores.
    public static let requirements = ["cvss==3.6"]
    /// What a test that needs the oracle says when it is missing.
    public static let need = """
        needs python3 with venv and pip reaching PyPI for \(requirements.joined(separator: ", ")); \
        the reason is printed
        """

    /// The oracle, or why it could not be set up; prepared once per test run.
    public static let shared: Result<CVSSOracle, SetupFailure> = prepare()

    /// Whether the oracle is there; prints why not, so a skipped test names what is missing.
    public static var available: Bool { PythonVenv.isAvailable(shared, what: "CVSS oracle") }

    /// Why the venv could not be made.
    public typealias SetupFailure = PythonVenv.SetupFailure

    /// What the oracle says of one vector.
    public enum Verdict: Sendable, Equatable {
        /// The base score, one decimal.
        case score(Double)
        /// The library rejected the vector, saying this.
        case rejected(String)
    }

    /// A failure of the oracle itself: it printed something other than one verdict per vector.
    public struct OracleFailure: Error, CustomStringConvertible {
        public let description: String
    }

    let venv: String

    /// Scores every vector in one Python process; the verdicts come back in the vectors' order.
    public func verdicts(for vectors: [String]) throws -> [Verdict] {
        let input = vectors.map { $0 + "\n" }.joined()
        let output = try Shell.run([venv + "/bin/python", FixtureImages.toolsDirectory + "/cvss-scores.py"],
                                   input: Array(input.utf8))
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard lines.count == vectors.count else {
            throw OracleFailure(description: "cvss-scores.py printed \(lines.count) lines for \(vectors.count) vectors")
        }
        return try lines.map { line in
            if line.hasPrefix("error: ") { return .rejected(String(line.dropFirst("error: ".count))) }
            guard let score = Double(line) else { throw OracleFailure(description: "cvss-scores.py printed \(line)") }
            return .score(score)
        }
    }

    private static func prepare() -> Result<CVSSOracle, SetupFailure> {
        PythonVenv.prepare("cvss-oracle", requirements: requirements).map { CVSSOracle(venv: $0) }
    }
}

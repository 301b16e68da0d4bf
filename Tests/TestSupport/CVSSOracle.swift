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
    public static var available: Bool {
        switch shared {
        case .success: return true
        case .failure(let failure):
            FileHandle.standardError.write(Data("CVSS oracle unavailable: \(failure)\n".utf8))
            return false
        }
    }

    /// Why the venv could not be made.
    public struct SetupFailure: Error, CustomStringConvertible {
        public let description: String
    }

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
        let venv = TestPaths.cache + "/cvss-oracle"
        let marker = venv + "/safeguard-requirements.txt"
        let wanted = requirements.joined(separator: "\n")
        if (try? String(contentsOfFile: marker, encoding: .utf8)) == wanted {
            return .success(CVSSOracle(venv: venv))
        }
        do {
            try? FileManager.default.removeItem(atPath: venv)
            try FileManager.default.createDirectory(atPath: TestPaths.cache, withIntermediateDirectories: true)
            try Shell.run(["python3", "-m", "venv", venv])
            try Shell.run([venv + "/bin/pip", "install", "--quiet", "--disable-pip-version-check"] + requirements)
            try wanted.write(toFile: marker, atomically: true, encoding: .utf8)
            return .success(CVSSOracle(venv: venv))
        } catch {
            return .failure(SetupFailure(description: "could not set up the venv at \(venv): \(error)"))
        }
    }
}

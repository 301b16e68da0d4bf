import Foundation

/// A Python venv in the test cache holding pinned PyPI packages: the independent tools (validators, oracles)
/// tests check the product against. Made once; made again only when the pins change.
public enum PythonVenv {
    /// Why a venv could not be made.
    public struct SetupFailure: Error, CustomStringConvertible {
        public let description: String

        /// A failure saying `description`.
        public init(description: String) { self.description = description }
    }

    /// The venv directory named `name` under the test cache, holding exactly `requirements`.
    public static func prepare(_ name: String, requirements: [String]) -> Result<String, SetupFailure> {
        let venv = TestPaths.cache + "/" + name
        let marker = venv + "/safeguard-requirements.txt"
        let wanted = requirements.joined(separator: "\n")
        if (try? String(contentsOfFile: marker, encoding: .utf8)) == wanted { return .success(venv) }
        do {
            try? FileManager.default.removeItem(atPath: venv)
            try FileManager.default.createDirectory(atPath: TestPaths.cache, withIntermediateDirectories: true)
            try Shell.run(["python3", "-m", "venv", venv])
            try Shell.run([venv + "/bin/pip", "install", "--quiet", "--disable-pip-version-check"] + requirements)
            try wanted.write(toFile: marker, atomically: true, encoding: .utf8)
            return .success(venv)
        } catch {
            return .failure(SetupFailure(description: "could not set up the venv at \(venv): \(error)"))
        }
    }

    /// Whether `result` holds a venv; prints why not as `what unavailable: …`, so a skipped test names the cause.
    public static func isAvailable<T>(_ result: Result<T, SetupFailure>, what: String) -> Bool {
        switch result {
        case .success: return true
        case .failure(let failure):
            FileHandle.standardError.write(Data("\(what) unavailable: \(failure)\n".utf8))
            return false
        }
    }
}

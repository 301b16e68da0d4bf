import Foundation

/// The official validators, in a Python venv kept in the test cache: the CycloneDX 1.6 JSON schema (bundled with
/// cyclonedx-python-lib, run through jsonschema) and `pyspdxtools` (spdx-tools).
public struct SBOMValidators: Sendable {
    /// Pinned so that a validator release cannot change what passes.
    public static let requirements = ["jsonschema==4.26.0", "cyclonedx-python-lib==11.12.0", "spdx-tools==0.8.5"]
    /// What a test that needs them says when they are missing.
    public static let need = """
        needs python3 with venv and pip reaching PyPI for \(requirements.joined(separator: ", ")); \
        the reason is printed
        """

    /// The validators, or why they could not be set up; prepared once per test run.
    public static let shared: Result<SBOMValidators, SetupFailure> = prepare()

    /// Whether the validators are there; prints why not, so a skipped test names what is missing.
    public static var available: Bool { PythonVenv.isAvailable(shared, what: "SBOM validators") }

    /// Why the venv could not be made.
    public typealias SetupFailure = PythonVenv.SetupFailure

    let venv: String

    /// CycloneDX schema errors for `document`, one a line; empty when it validates.
    public func cycloneDXErrors(_ document: String) throws -> [String] {
        try run([venv + "/bin/python", FixtureImages.toolsDirectory + "/validate-cyclonedx.py"], document,
                fileName: "bom.cdx.json")
    }

    /// `pyspdxtools` complaints about `document`; empty when it validates.
    public func spdxErrors(_ document: String) throws -> [String] {
        try run([venv + "/bin/pyspdxtools", "--infile"], document, fileName: "bom.spdx.json")
    }

    private func run(_ command: [String], _ document: String, fileName: String) throws -> [String] {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + fileName
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        let output = try Shell.run(command + [path], check: false)
        guard output.status != 0 else { return [] }
        let lines = (output.stdout + "\n" + output.stderr).split(separator: "\n").map(String.init)
        return lines.isEmpty ? ["exited \(output.status) without saying why"] : lines
    }

    private static func prepare() -> Result<SBOMValidators, SetupFailure> {
        PythonVenv.prepare("sbom-validators", requirements: requirements).map { SBOMValidators(venv: $0) }
    }
}

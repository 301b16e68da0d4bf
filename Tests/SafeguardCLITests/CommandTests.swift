import Findings
import Foundation
import Report
import SafeguardCLI
import TestSupport
import Testing

/// The command line's contract: exit statuses, formats and output files.
@Suite struct CommandTests {
    @Test func exitsWithFindingsStatusWhenAFindingReachesFailOn() throws {
        let image = try SmallImage(extra: ["--diff-id-override", "0:sha256:" + String(repeating: "2", count: 64)])
        defer { image.remove() }
        let output = image.directory + "/report.json"
        let status = Command.main(["scan", "--quiet", "--fail-on", "high", "--format", "json", "--output", output,
                                   "oci:\(image.layout):v1"])
        #expect(status == .findings)
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(report.findings.contains { $0.category == "layer.digest-mismatch" })
        #expect(report.schemaVersion == ScanReport.currentSchemaVersion)
    }

    @Test func exitsZeroWhenNoFindingReachesFailOn() throws {
        let image = try SmallImage()
        defer { image.remove() }
        let output = image.directory + "/out.txt"
        #expect(Command.main(["scan", "-q", "--fail-on", "info", "-o", output, "oci:\(image.layout):v1"]) == .success)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("No findings."))
        #expect(!text.contains("\u{1B}["))  // no colour codes in a file
    }

    @Test func inspectShowsConfigAndLayers() throws {
        let image = try SmallImage(extra: ["--env", "A=1", "--user", "app", "--label", "team=infra"])
        defer { image.remove() }
        let output = image.directory + "/inspect.txt"
        #expect(Command.main(["inspect", "-q", "-o", output, "oci:\(image.layout):v1"]) == .success)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        for expected in ["User:", "app", "A=1", "team=infra", "RUN change", image.manifestDigest] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test(arguments: [
        ["scan"],  // no image
        ["scan", "a", "b"],  // two images
        ["scan", "--fail-on", "severe", "nginx"],  // unknown severity
        ["scan", "--format", "xml", "nginx"],  // unknown format
        ["scan", "--platform", "linux", "nginx"],  // malformed platform
        ["scan", "--bogus", "nginx"],  // unknown option
        ["scan", "--max-kept-size", "0", "nginx"],  // a bound that keeps nothing
        ["scan", "--max-kept-size", "lots", "nginx"],  // not a size
        ["scan", "NGINX"],  // invalid reference
        ["inspect", "--fail-on", "high", "nginx"],  // option of another command
        ["frobnicate"],  // unknown command
        ["scan", "-q", "oci:/nonexistent/layout"],  // unreadable input
    ])
    func exitsWithErrorStatusOnUsageAndInputErrors(_ arguments: [String]) {
        #expect(Command.main(arguments) == .error)
    }
}

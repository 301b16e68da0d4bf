import Findings
import Foundation
import ImageModel
import ImageSources
import Report
import Scanner
import TestSupport

/// An image built for one payload or secret case: a small base layer, the case's layers, and config fields.
struct PayloadImage {
    let directory: String
    let location: String

    /// Builds the image; `layers` are the entries of each layer above the base, `extra` the arguments of
    /// `tools/oci-image.py` (`--history`, `--env`, `--label`, `--entrypoint`, `--cmd`).
    init(layers: [[TarWriter.Entry]], extra: [String] = []) throws {
        directory = try TestPaths.temporaryDirectory()
        let base = directory + "/base.tar"
        try TarWriter.write([
            .directory("etc/"), .file("etc/os-release", "ID=test\n"), .directory("bin/"),
            .file("bin/sh", "\u{7f}ELF\u{2}\u{1}\u{1}\u{0}\u{0}\u{0}shell", mode: 0o755),
        ], to: base)
        var paths = [base + ":gzip"]
        for (index, entries) in layers.enumerated() {
            let path = directory + "/layer\(index + 1).tar"
            try TarWriter.write(entries, to: path)
            paths.append(path + ":gzip")
        }
        try FixtureImages.buildImage(layout: directory + "/layout", tag: "case", layers: paths, extra: extra)
        location = "oci:\(directory)/layout:case"
    }

    /// Scans the image as `safeguard scan` does.
    func scan() throws -> ScanReport { try scanImage(location) }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// Scans `location` with the scanner the CLI runs.
func scanImage(_ location: String) throws -> ScanReport {
    try ImageScan(location: try ImageLocation(parsing: location), platform: try Platform(parsing: "linux/amd64"),
                  registryOptions: RegistryOptions(credentialStore: CredentialStore(files: [])), concurrency: 2).run()
}

/// Where a case's finding must point (a path with the layer that wrote it, a history index, a config field) and
/// the facts its evidence must hold; what a case leaves nil is not checked.
protocol ExpectedEvidence {
    var path: String? { get }
    var layer: Int? { get }
    var history: Int? { get }
    var field: String? { get }
    var facts: [String: String] { get }
}

extension ExpectedEvidence {
    /// Whether `evidence` points where this case says and holds its facts.
    func isMet(by evidence: Evidence) -> Bool {
        (path == nil || evidence.path == path)
            && (layer == nil || evidence.layer?.index == layer)
            && (history == nil || evidence.facts?["historyIndex"] == history.map(String.init))
            && (field == nil || evidence.configField == field)
            && facts.allSatisfy { evidence.facts?[$0.key] == $0.value }
    }
}

/// The categories this module reports.
let payloadCategories: Set<String> = [
    "payload.miner", "payload.exfiltration", "payload.environment-gated", "payload.persistence",
    "payload.remote-exec", "secret",
]

/// A fake credential of `count` characters from `alphabet` after `prefix`, the same on every run: tests never
/// hold a real secret, and a fixed value makes failures reproducible.
func fakeSecret(_ prefix: String, _ count: Int,
                alphabet: String = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                seed: UInt64 = 0x5eed) -> String {
    let characters = Array(alphabet)
    var state = seed
    var value = prefix
    for _ in 0..<count {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        value.append(characters[Int((state >> 33) % UInt64(characters.count))])
    }
    return value
}

import Foundation
import ImageModel
import ImageSources
import Report
import Scanner
import TestSupport

/// Scans `location` for `platform` with test-friendly network settings (short back-off).
func scan(_ location: String, platform: String = "linux/amd64", readTimeout: Double = 30) throws -> ScanReport {
    var options = RegistryOptions(credentialStore: CredentialStore(files: []))
    options.http.retry.initialBackoff = 0.01
    options.http.retry.maxBackoff = 0.05
    options.http.readTimeout = readTimeout
    return try ImageScan(location: try ImageLocation(parsing: location), platform: try Platform(parsing: platform),
                         registryOptions: options, concurrency: 2).run()
}

/// A small two-layer image in a fresh layout: a base layer and one that adds, changes and deletes.
struct SmallImage {
    let directory: String
    let layout: String
    let manifestDigest: String

    init(compression: String = "gzip", extra: [String] = []) throws {
        directory = try TestPaths.temporaryDirectory()
        layout = directory + "/layout"
        try TarWriter.write([
            .directory("etc/"), .file("etc/os-release", "ID=test\n"), .file("etc/motd", "hello\n"),
            .directory("opt/app/"), .file("opt/app/run.sh", "#!/bin/sh\n", mode: 0o755),
        ], to: directory + "/base.tar")
        try TarWriter.write([
            .file("etc/motd", "changed\n"), .file("etc/.wh.os-release"), .directory("opt/app/"),
            .file("opt/app/.wh..wh..opq"), .file("opt/app/new.sh", "#!/bin/sh\n", mode: 0o755),
        ], to: directory + "/top.tar")
        manifestDigest = try FixtureImages.buildImage(
            layout: layout, tag: "v1",
            layers: [directory + "/base.tar:\(compression)", directory + "/top.tar:\(compression)"],
            extra: ["--history", "ADD base.tar /", "--history", "RUN change"] + extra)
    }

    /// The path of a blob in the layout.
    func blobPath(_ digest: String) -> String { layout + "/blobs/sha256/" + digest.dropFirst("sha256:".count) }

    /// The layout's manifest, parsed.
    func manifest() throws -> ImageManifest {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: blobPath(manifestDigest)))
        return try JSONDecoder().decode(ImageManifest.self, from: bytes)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

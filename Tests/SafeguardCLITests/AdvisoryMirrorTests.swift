import AdvisoryDatabase
import Foundation
import SafeguardCLI
import TestSupport
import Testing

/// `safeguard db update` against a mirror of the tests' own, laid out as osv.dev's export and serving real
/// records: a full download, an incremental one, a conditional one, and one that fails half-way.
@Suite(.enabled(if: TestPaths.hasCorpus("vulndata/osv"), "needs shared/corpora/vulndata/osv"))
struct AdvisoryMirrorTests {
    static let records = TestPaths.corpus("vulndata/osv/from-osv-scanner/records")

    /// The corpus records whose first affected package is in `ecosystem`, by file name.
    static func records(in ecosystem: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: records).sorted().filter { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: records + "/" + name))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let affected = object?["affected"] as? [[String: Any]]
            let package = affected?.first?["package"] as? [String: Any]
            return package?["ecosystem"] as? String == ecosystem
        }
    }

    /// A zip archive of `files` from the records folder, as osv.dev's `all.zip`.
    static func zip(_ files: [String], in directory: String) throws -> [UInt8] {
        let path = directory + "/all-\(files.count)-\(UUID().uuidString).zip"
        let script = "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n"
            + "    for f in sys.argv[3:]: z.write(sys.argv[2] + '/' + f, f)\n"
        _ = try Shell.run(["python3", "-c", script, path, records] + files)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func file(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: records + "/" + name)))
    }

    static func update(_ mirror: MisbehavingHTTPServer, database: String, _ ecosystems: [String]) -> ExitCode {
        Command.main(["db", "update", "--quiet", "--db", database, "--mirror", mirror.baseURL, "--timeout", "5"]
                     + ecosystems.flatMap { ["--ecosystem", $0] })
    }

    /// Advisories per ecosystem, as the database reports them.
    static func status(_ database: String) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try AdvisoryDatabase(readingAt: database).status().map {
            ($0.ecosystem, $0.advisories)
        })
    }

    @Test func fullThenIncrementalThenConditionalUpdates() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/advisories.db"
        let crates = try Self.records(in: "crates.io")
        let go = try Self.records(in: "Go")
        try #require(crates.count >= 2 && go.count >= 2)

        // First update: everything from all.zip; there is no modified_id.csv yet to be incremental from.
        let cratesExport = try Self.zip(Array(crates.dropLast()), in: directory)
        let first = try MisbehavingHTTPServer(script: [
            "/crates.io/all.zip": [.status(200, headers: [("ETag", "\"crates-1\"")], body: cratesExport)],
            "/Go/all.zip": [.status(200, headers: [("ETag", "\"go-1\"")], body: try Self.zip(go, in: directory))],
        ])
        defer { first.stop() }
        #expect(Self.update(first, database: database, ["crates.io", "Go"]) == .success)
        #expect(try Self.status(database) == ["crates.io": crates.count - 1, "Go": go.count])

        // Second: crates.io lists one record modified after the newest it holds, fetched alone; Go has no index, so its
        // all.zip is asked for with the ETag it had, and answers 304.
        let added = crates.last!
        let second = try MisbehavingHTTPServer(script: [
            "/crates.io/modified_id.csv": [
                .ok("2099-01-01T00:00:00Z,\(added.dropLast(5))\n1970-01-01T00:00:00Z,OLD-1\n"),
            ],
            "/crates.io/\(added)": [.status(200, body: try Self.file(added))],
            "/Go/all.zip": [.status(304)],
        ])
        defer { second.stop() }
        #expect(Self.update(second, database: database, ["crates.io", "Go"]) == .success)
        #expect(try Self.status(database) == ["crates.io": crates.count, "Go": go.count])
        let asked = second.requests.map(\.path)
        #expect(!asked.contains("/crates.io/all.zip"))
        let conditional = second.requests.first { $0.path == "/Go/all.zip" }
        #expect(conditional?.header("If-None-Match") == "\"go-1\"")
    }

    @Test func updateThatFailsHalfWayLeavesThePreviousDatabase() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/advisories.db"
        let crates = try Self.records(in: "crates.io")
        let go = try Self.records(in: "Go")
        let export = try Self.zip(crates, in: directory)
        let good = try MisbehavingHTTPServer(script: ["/crates.io/all.zip": [.status(200, body: export)]])
        defer { good.stop() }
        #expect(Self.update(good, database: database, ["crates.io"]) == .success)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))

        // crates.io's new export arrives whole; Go's is cut off after half its bytes.
        let archive = try Self.zip(go, in: directory)
        let cut = MisbehavingHTTPServer.Response.raw(
            status: 200, headers: [("Content-Length", String(archive.count))],
            body: Array(archive.prefix(archive.count / 2)))
        let failing = try MisbehavingHTTPServer(script: [
            "/crates.io/all.zip": [.status(200, body: try Self.zip(Array(crates.prefix(1)), in: directory))],
            "/Go/all.zip": [cut],
        ])
        defer { failing.stop() }
        #expect(Self.update(failing, database: database, ["crates.io", "Go"]) == .error)
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(try Self.status(database) == ["crates.io": crates.count])
        #expect(!FileManager.default.fileExists(atPath: database + ".writing"))
    }

    @Test func mirrorErrorsAreNamed() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try MisbehavingHTTPServer(script: ["/crates.io/all.zip": [.status(500)]])
        defer { server.stop() }
        #expect(Self.update(server, database: directory + "/db", ["crates.io"]) == .error)
        #expect(!FileManager.default.fileExists(atPath: directory + "/db"))
    }
}

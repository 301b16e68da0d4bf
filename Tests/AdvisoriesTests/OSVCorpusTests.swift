import Advisories
import Foundation
import Testing
import TestSupport

/// The OSV records of `shared/corpora/vulndata/osv`: records published by real databases, and the OSV linter's test
/// cases.
@Suite(.enabled(if: TestPaths.hasCorpus("vulndata/osv"), "needs shared/corpora/vulndata/osv"))
struct OSVCorpusTests {
    static let root = TestPaths.corpus("vulndata/osv")
    static let linterCases = "osv-schema/tools/osv-linter/testdata"

    /// The folders of records meant to be valid, with the file-name test that picks them out.
    static let validFolders: [(folder: String, include: @Sendable (String) -> Bool)] = [
        ("from-osv-scanner/records", { $0.hasSuffix(".json") }),
        ("go-vulndb-from-osv-scalibr", { $0.hasSuffix(".json") }),
        // The GHSA converter's inputs are GitHub's own format; only its `.osv.json` outputs are OSV.
        ("osv-schema/tools/ghsa/testdata", { $0.hasSuffix(".osv.json") }),
        ("osv-schema/tools/redhat/testdata/OSV", { $0.hasSuffix(".json") }),
        // The linter's cases named for the check they fail; the rest are compliant records.
        (linterCases, { name in
            name.hasSuffix(".json") && !["nointroduced-", "nondistinct-", "nopackage-"].contains { name.hasPrefix($0) }
        }),
    ]

    /// Paths, relative to the corpus, of every record meant to be valid.
    static func validRecordPaths() throws -> [String] {
        var paths: [String] = []
        for (folder, include) in validFolders {
            let names = try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)
            paths += names.filter(include).sorted().map { folder + "/" + $0 }
        }
        return paths
    }

    static func parse(_ relativePath: String) throws -> Advisory {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/" + relativePath)))
        return try OSVRecord.parse(bytes, source: relativePath)
    }

    @Test func everyValidRecordParses() throws {
        let paths = try Self.validRecordPaths()
        var parsed = 0
        for path in paths {
            do {
                let advisory = try Self.parse(path)
                #expect(!advisory.id.isEmpty)
                parsed += 1
            } catch {
                Issue.record("\(error)")
            }
        }
        // 29 records from osv-scanner, 5 from the Go database, 11 GHSA conversions, 2 Red Hat, 9 linter records.
        #expect(paths.count == 56)
        #expect(parsed == 56)
    }

    /// Every valid record read by Foundation's `JSONSerialization` too: both readings must give the same identity,
    /// packages, versions and events, so the hand-written parser drops or invents nothing.
    @Test func agreesWithFoundationOnEveryRecord() throws {
        for path in try Self.validRecordPaths() {
            let advisory = try Self.parse(path)
            let data = try Data(contentsOf: URL(fileURLWithPath: Self.root + "/" + path))
            let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(advisory.id == json["id"] as? String, "\(path)")
            #expect(advisory.modified == json["modified"] as? String, "\(path)")
            #expect(advisory.aliases == (json["aliases"] as? [String] ?? []), "\(path)")
            #expect(advisory.details == json["details"] as? String, "\(path)")
            let entries = (json["affected"] as? [[String: Any]] ?? []).filter { $0["package"] != nil }
            #expect(advisory.affected.count == entries.count, "\(path)")
            for (affected, entry) in zip(advisory.affected, entries) {
                let package = entry["package"] as? [String: Any]
                #expect(affected.package.ecosystem == package?["ecosystem"] as? String, "\(path)")
                #expect(affected.package.name == package?["name"] as? String, "\(path)")
                #expect(affected.versions == (entry["versions"] as? [String] ?? []), "\(path)")
                let ranges = entry["ranges"] as? [[String: Any]] ?? []
                #expect(affected.ranges.map(\.type.rawValue) == ranges.map { $0["type"] as? String ?? "" })
                let events = ranges.map { ($0["events"] as? [[String: String]] ?? []).map { $0.first!.value } }
                #expect(affected.ranges.map { $0.events.map(\.version) } == events, "\(path)")
            }
        }
    }

    @Test func keepsTheFieldsOfARealRecord() throws {
        let advisory = try Self.parse("osv-schema/tools/osv-linter/testdata/CVE-2023-41045.json")
        #expect(advisory.id == "CVE-2023-41045")
        #expect(advisory.severity.first?.type == "CVSS_V3")
        let go = try Self.parse("go-vulndb-from-osv-scalibr/GO-2021-0053.json")
        let package = try #require(go.affected.first?.package)
        #expect(package.ecosystem == "Go" && package.name == "github.com/gogo/protobuf")
        #expect(go.affected.first?.fixedVersions == ["1.3.2"])
    }

    @Test func keepsTheWithdrawnTime() throws {
        let advisory = try Self.parse("osv-schema/tools/ghsa/testdata/withdrawn.osv.json")
        #expect(advisory.withdrawn == "2018-10-11T17:29:49Z")
    }

    /// CVE-2018-5407's seventh entry has GIT ranges and no package: valid, but nothing a scanner can match.
    @Test func leavesOutEntriesWithoutAPackage() throws {
        let advisory = try Self.parse("osv-schema/tools/osv-linter/testdata/CVE-2018-5407.json")
        #expect(advisory.affected.count == 6)
    }

    @Test func rejectsARangeWithoutIntroduced() throws {
        let error = try #require(throws: OSVError.self) {
            try Self.parse(Self.linterCases + "/nointroduced-CVE-2023-41045.json")
        }
        #expect(error.field == "affected[0].ranges[0].events")
        #expect(error.reason == "no \"introduced\" event")
    }

    /// The linter's R0002: the same commit introduces and fixes, so the range is not distinct.
    @Test func rejectsARangeNamingAVersionTwice() throws {
        let error = try #require(throws: OSVError.self) {
            try Self.parse(Self.linterCases + "/nondistinct-CVE-2018-5407.json")
        }
        #expect(error.field == "affected[6].ranges[1].events[1]")
        #expect(error.reason.contains("appears in two events"))
    }

    /// The linter's P0001 asks the ecosystem's registry whether `Gradi0` exists on PyPI: a network question, not a
    /// schema one. The record is well formed, so it parses; a scan simply never installs a package of that name.
    @Test func acceptsAPackageOnlyARegistryCouldRefuse() throws {
        let advisory = try Self.parse(Self.linterCases + "/nopackage-GHSA-9v2f-6vcg-3hgv.json")
        #expect(advisory.affected.first?.package.name == "Gradi0")
    }
}

import Advisories
import Foundation
import Testing
import TestSupport

/// `querybatch-expectations.json` pairs package versions with the advisory IDs osv.dev returned for them. For every
/// corpus record that names one of those packages, evaluation must agree with osv.dev: affected exactly when
/// osv.dev listed the record's ID.
///
/// Only ecosystems whose versions order by SemVer (Go, crates.io, npm) are checked, with the tests' SemVer
/// comparator. The PyPI, Maven, Debian, Ubuntu, Alpine and openSUSE pairs need the `Versions` module's PEP 440,
/// Maven, dpkg, apk and rpm comparators; until that module lands they are not checked here, which leaves the
/// ECOSYSTEM evaluation of those ecosystems untested against osv.dev.
@Suite(.enabled(if: TestPaths.hasCorpus("vulndata/osv"), "needs shared/corpora/vulndata/osv"))
struct OSVQueryBatchTests {
    static let semverEcosystems: Set<String> = ["Go", "crates.io", "npm"]

    struct Query {
        var ecosystem: String
        var name: String
        var version: String
        var ids: Set<String>
    }

    static func queries() throws -> [Query] {
        let path = OSVCorpusTests.root + "/from-osv-scanner/querybatch-expectations.json"
        let entries = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            as? [[String: Any]])
        return entries.compactMap { entry in
            guard let package = entry["package"] as? [String: Any], let ecosystem = package["ecosystem"] as? String,
                  let name = package["name"] as? String, let version = entry["version"] as? String,
                  let vulns = entry["vulns"] as? [Any]
            else { return nil }
            let ids = vulns.compactMap { ($0 as? String) ?? (($0 as? [String: Any])?["id"] as? String) }
            return Query(ecosystem: ecosystem, name: name, version: version, ids: Set(ids))
        }
    }

    @Test func agreesWithOSVDevOnSemVerEcosystems() throws {
        let queries = try Self.queries().filter { Self.semverEcosystems.contains($0.ecosystem) }
        var checked = 0
        var affectedPairs = 0
        for path in try OSVCorpusTests.validRecordPaths() {
            let advisory = try OSVCorpusTests.parse(path)
            for query in queries {
                let entries = advisory.affected.filter {
                    $0.package.ecosystem == query.ecosystem && $0.package.name == query.name
                }
                guard !entries.isEmpty else { continue }
                let affected = try entries.contains { entry in
                    try entry.affects(query.version) { _, a, b in try OSVTestSemVer.compare(a, b) }
                }
                let expected = query.ids.contains(advisory.id)
                #expect(affected == expected, "\(path): \(query.name) \(query.version)")
                checked += 1
                if expected { affectedPairs += 1 }
            }
        }
        // Counted when the corpus was added; a change means records or expectations changed.
        #expect(checked == 47)
        #expect(affectedPairs == 22)
    }
}

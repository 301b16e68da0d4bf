import Foundation
import Testing
import TestSupport
import Versions

/// dpkg's and apt's own comparison and parsing tables, from `../shared/corpora/versions/dpkg`.
@Suite(.enabled(if: TestPaths.hasCorpus("versions/dpkg"),
                Comment(rawValue: "needs the dpkg version corpus in \(TestPaths.corpus("versions/dpkg"))")))
struct DpkgVersionTests {
    static let folder = TestPaths.corpus("versions/dpkg")

    @Test func ordersDpkgsOwnComparisonTable() throws {
        let lines = try VersionAssertions.dataLines(Self.folder + "/Dpkg_Version.t.DATA.txt")
        var checked = 0
        for line in lines {
            let fields = line.split(separator: " ")
            try #require(fields.count == 3, "malformed line: \(line)")
            VersionAssertions.expectOrder(.dpkg, String(fields[0]), String(fields[1]), Int(fields[2])!)
            checked += 1
        }
        #expect(checked == lines.count && checked == 43)
        print("dpkg Dpkg_Version.t: \(checked) comparisons")
    }

    @Test func ordersAptsComparisonTable() throws {
        let lines = try VersionAssertions.dataLines(Self.folder + "/apt-compareversion.tsv")
        var checked = 0
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(fields.count == 3, "malformed line: \(line)")
            VersionAssertions.expectOrder(.dpkg, String(fields[0]), String(fields[1]), Int(fields[2])!)
            checked += 1
        }
        #expect(checked == lines.count && checked == 64)
        print("dpkg apt compareversion: \(checked) comparisons")
    }

    struct ParseCases: Decodable {
        struct Case: Decodable {
            var version: String
            var expect: String
        }
        var cases: [Case]
    }

    /// `valid` and `valid(trim)` must parse; `error` and every `warn(…)` (dpkg's parseversion fails on those too)
    /// must be refused.
    @Test func acceptsAndRefusesAsDpkgParseversion() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/dpkg-parseversion.json"))
        let cases = try JSONDecoder().decode(ParseCases.self, from: data).cases
        var checked = 0
        for item in cases {
            let shouldParse = item.expect.hasPrefix("valid")
            #expect(VersionAssertions.accepts(.dpkg, item.version) == shouldParse, "\(item.version): \(item.expect)")
            checked += 1
        }
        #expect(checked == cases.count && checked == 68)
        print("dpkg parseversion: \(checked) strings")
    }

    @Test func trimmedVersionEqualsUntrimmed() throws {
        #expect(try VersionScheme.dpkg.compare("  \t0:0-1", "0-1") == 0)
    }

    @Test func errorSaysWhatIsWrong() {
        #expect(throws: VersionError(version: "0:abc3-0", scheme: .dpkg,
                                     reason: "version number does not start with digit")) {
            try Version("0:abc3-0", scheme: .dpkg)
        }
        #expect(throws: VersionError(version: "2147483648:1", scheme: .dpkg, reason: "epoch in version is too big")) {
            try Version("2147483648:1", scheme: .dpkg)
        }
    }
}

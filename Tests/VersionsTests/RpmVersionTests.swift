import Testing
import TestSupport
import Versions

/// rpm's `rpmvercmp.at` table, from `../shared/corpora/versions/rpm`, and EVR splitting.
@Suite(.enabled(if: TestPaths.hasCorpus("versions/rpm"),
                Comment(rawValue: "needs the rpm version corpus in \(TestPaths.corpus("versions/rpm"))")))
struct RpmVersionTests {
    /// Every row, the asserted ones and the ones upstream comments out as oddities (rpmvercmp does give those
    /// results: non-ASCII letters are separators, and `1b.fc17` against `1.fc17` compares `b` with `fc`).
    @Test func ordersRpmvercmpTable() throws {
        let lines = try VersionAssertions.dataLines(TestPaths.corpus("versions/rpm") + "/rpmvercmp.tsv")
        var asserted = 0
        var oddities = 0
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(fields.count == 4, "malformed line: \(line)")
            VersionAssertions.expectOrder(.rpm, String(fields[0]), String(fields[1]), Int(fields[2])!)
            if fields[3] == "asserted" { asserted += 1 } else { oddities += 1 }
        }
        #expect(asserted + oddities == lines.count && asserted == 91 && oddities == 12)
        print("rpm rpmvercmp: \(asserted) asserted + \(oddities) commented-out oddities")
    }
}

/// Epoch, version and release as rpm splits them.
struct RpmEVRTests {
    @Test(arguments: [
        ("1.0-1", "0:1.0-1", 0),         // a missing epoch is 0
        ("1:1.0-1", "2.0-1", 1),         // the epoch decides first
        ("1.0-2", "1.0-10", -1),         // releases compare with rpmvercmp
        ("1.0", "1.0-1", -1),            // a missing release sorts before any release
        ("2.0-1", "1.0-9", 1),
        ("1.0~rc1-1", "1.0-1", -1),
        ("1.0-1.el8", "1.0-1.el8_1", -1),
        ("0001:1.0", "1:1.0", 0),        // epoch compared as a number
    ])
    func splitsEpochVersionRelease(a: String, b: String, expected: Int) {
        VersionAssertions.expectOrder(.rpm, a, b, expected)
    }

    @Test(arguments: ["", "1.0-", "-1", "1:-1", "1.0 -1", "1.0\n"])
    func refusesMalformed(text: String) {
        #expect(!VersionAssertions.accepts(.rpm, text), "\(text.debugDescription)")
    }
}

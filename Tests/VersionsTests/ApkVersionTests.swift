import Testing
import TestSupport
import Versions

/// apk-tools' `version.data`, from `../shared/corpora/versions/apk`.
@Suite(.enabled(if: TestPaths.hasCorpus("versions/apk"),
                Comment(rawValue: "needs the apk version corpus in \(TestPaths.corpus("versions/apk"))")))
struct ApkVersionTests {
    @Test func ordersApkToolsTable() throws {
        let lines = try VersionAssertions.dataLines(TestPaths.corpus("versions/apk") + "/alpine_test.txt")
        var checked = 0
        for line in lines {
            let fields = line.split(separator: " ")
            try #require(fields.count == 3, "malformed line: \(line)")
            let expected = ["<": -1, "=": 0, ">": 1][String(fields[1])]
            try #require(expected != nil, "unknown operator in line: \(line)")
            VersionAssertions.expectOrder(.apk, String(fields[0]), String(fields[2]), expected!)
            checked += 1
        }
        #expect(checked == lines.count && checked == 716)
        print("apk version.data: \(checked) comparisons")
    }

    /// Strings apk's `apk_version_validate` refuses.
    @Test(arguments: ["", "1_foo", "1-x1", "1.2-1", "1_alpha.1", "1ab", "1A", "1 2", "1\u{0}2"])
    func refusesWhatApkRefuses(text: String) {
        #expect(!VersionAssertions.accepts(.apk, text), "\(text.debugDescription)")
    }

    @Test(arguments: ["1", "1.2.3", "1.2.3a", "1.2_alpha", "1.2_rc2_p1", "1.2-r0", "1.2.3_git20240101-r5", "1.0_p"])
    func acceptsValidVersions(text: String) {
        #expect(VersionAssertions.accepts(.apk, text), "\(text)")
    }
}

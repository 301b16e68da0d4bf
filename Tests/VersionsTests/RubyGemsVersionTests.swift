import Testing
import Versions

/// RubyGems' `test_gem_version.rb` cases.
struct RubyGemsVersionTests {
    static let chains: [[String]] = [
        ["0.0.0", "1.8.2.a", "1.8.2.a9", "1.8.2.a10", "1.8.2.b", "1.8.2", "1.8.2.1", "1.9", "1.10"],
        ["0.0.beta", "0.0.beta.1"],
        ["5.a", "5.0.0.rc2", "5.x", "5"],
        ["1.0.0-rc1", "1.0.0.rc2", "1.0.0", "1.0.1"],
        ["1", "12345678901234567890", "123456789012345678901234567890123456789"],
    ]

    @Test func ordersPrereleasesBeforeReleases() {
        var pairs = 0
        for chain in Self.chains { pairs += VersionAssertions.expectAscending(.rubygems, chain) }
        #expect(pairs == 36 + 1 + 6 + 6 + 3)
        print("rubygems: \(pairs) ordered pairs")
    }

    @Test(arguments: [("1.0", "1.0.0"), ("", "0"), ("0.beta.1", "0.0.beta.1"), ("1.0.a", "1.a"), (" 1.0 ", "1"),
                      ("1-1", "1.pre.1"), ("1.0.a.0", "1.a")])
    func equatesTrailingZerosAndSpellings(a: String, b: String) {
        VersionAssertions.expectOrder(.rubygems, a, b, 0)
    }

    @Test(arguments: ["junk", "1.0\n2.0", "1..2", "1.2 3.4", "1.", "-1", "1-", "1.0-", "a1", "1.0\u{0}",
                      "2.3422222.222.222222222.22222.ads0as.dasd0.ddd2222.2.qd3e."])
    func refusesMalformedVersions(text: String) {
        #expect(!VersionAssertions.accepts(.rubygems, text), "\(text.debugDescription)")
    }
}

import Testing
import Versions

/// Semantic Versioning 2.0.0 precedence: the specification's examples and Go's forms.
struct SemanticVersionTests {
    /// semver.org §11's example chain, then the core ordering example, then Go pseudo-versions.
    static let chains: [[String]] = [
        ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
         "1.0.0-rc.1", "1.0.0"],
        ["1.0.0", "2.0.0", "2.1.0", "2.1.1"],
        ["v0.0.0-20190101000000-abcdefabcdef", "v0.0.0-20200101000000-abcdefabcdef", "v0.1.0",
         "v1.2.3", "v1.2.4-0.20200101000000-abcdefabcdef", "v1.2.4"],
        ["1.0.0-1", "1.0.0-2", "1.0.0-10", "1.0.0-a", "1.0.0-a-b", "1.0.0-b"],
        ["1.0.0", "18446744073709551616.0.0", "99999999999999999999999999999999999999.0.0"],
    ]

    @Test func ordersTheSpecificationsChains() {
        var pairs = 0
        for chain in Self.chains { pairs += VersionAssertions.expectAscending(.semver, chain) }
        #expect(pairs == 28 + 6 + 15 + 15 + 3)
        print("semver: \(pairs) ordered pairs")
    }

    @Test(arguments: [("1.0.0+build.1", "1.0.0", 0), ("1.0.0-alpha+001", "1.0.0-alpha+002", 0),
                      ("v1.2.3", "1.2.3", 0)])
    func ignoresBuildMetadataAndLeadingV(a: String, b: String, expected: Int) {
        VersionAssertions.expectOrder(.semver, a, b, expected)
    }

    /// Loose npm-style input is refused, not guessed at.
    @Test(arguments: ["", "v", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2.3-a..b",
                      " 1.2.3", "=1.2.3", "1.2.x", "V1.2.3", "1.2.3-ä", "1.2.3+a_b"])
    func refusesLooseOrMalformedInput(text: String) {
        #expect(!VersionAssertions.accepts(.semver, text), "\(text.debugDescription)")
    }
}

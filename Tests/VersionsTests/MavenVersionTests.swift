import Testing
import Versions

/// Maven 3.9's `ComparableVersionTest` orderings and equalities.
struct MavenVersionTests {
    static let qualifiers = [
        "1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc", "1-cr2",
        "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1", "1-1-snapshot",
        "1-1", "1-2", "1-123",
    ]
    /// In 3.9 `2.0.a` sorts before `2-1` (MNG-7644: `.X` reads as `-X`).
    static let numbers = [
        "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1", "2.1.0.1", "2.2",
        "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m",
    ]
    static let mng6964 = ["1-0.alpha", "1-0.beta", "1"]
    static let large = ["1", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
                        "99999999999999999999999999999999999999"]

    @Test func ordersQualifiersAsMaven() {
        let pairs = VersionAssertions.expectAscending(.maven, Self.qualifiers)
        #expect(pairs == 22 * 21 / 2)
        print("maven qualifiers: \(pairs) ordered pairs")
    }

    @Test func ordersNumbersAsMaven() {
        let pairs = VersionAssertions.expectAscending(.maven, Self.numbers)
        #expect(pairs == 24 * 23 / 2)
        print("maven numbers: \(pairs) ordered pairs")
    }

    @Test func ordersSubListsAgainstNothingAndLargeNumbers() {
        VersionAssertions.expectAscending(.maven, Self.mng6964)
        VersionAssertions.expectAscending(.maven, Self.large)
    }

    static let equal: [(String, String)] = [
        ("1", "1.0"), ("1", "1.0.0"), ("1.0", "1.0.0"), ("1", "1-0"), ("1", "1.0-0"), ("1.0", "1.0-0"),
        ("1a", "1-a"), ("1a", "1.0-a"), ("1a", "1.0.0-a"), ("1.0a", "1-a"), ("1.0.0a", "1-a"),
        ("1x", "1-x"), ("1x", "1.0-x"), ("1x", "1.0.0-x"), ("1.0x", "1-x"), ("1.0.0x", "1-x"),
        ("1cr", "1rc"), ("1m3", "1milestone3"), ("1", "1ga"), ("1", "1release"), ("1", "1final"), ("1", "1-ga"),
        ("1X", "1x"), ("1A", "1a"), ("1GA", "1"), ("1RELEASE", "1"), ("1CR", "1cr"), ("1SNAPSHOT", "1snapshot"),
        ("1a1", "1-alpha-1"), ("1b2", "1-beta-2"), ("1m3", "1-milestone-3"), ("1rc4", "1-rc-4"), ("1cr5", "1-rc-5"),
    ]

    @Test func equatesSpellingsMavenEquates() {
        for (a, b) in Self.equal { VersionAssertions.expectOrder(.maven, a, b, 0) }
        print("maven equalities: \(Self.equal.count)")
    }

    /// MNG-7644: `1.0.0.X1 < 1.0.0-X2` for any qualifier `X`.
    @Test(arguments: ["abc", "alpha", "a", "beta", "b", "def", "milestone", "m", "RC"])
    func dotQualifierSortsAsHyphenQualifier(qualifier: String) {
        VersionAssertions.expectOrder(.maven, "1.0.0.\(qualifier)1", "1.0.0-\(qualifier)2", -1)
    }
}

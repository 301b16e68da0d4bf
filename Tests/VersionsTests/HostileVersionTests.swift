import Testing
import Versions

/// Inputs meant to hurt a parser: sizes, long digit runs, many separators.
struct HostileVersionTests {
    /// Over the bound every scheme refuses before parsing, and the message says why.
    @Test(arguments: VersionScheme.allCases)
    func refusesVersionsLongerThanTheBound(scheme: VersionScheme) {
        let text = String(repeating: "1", count: Version.maximumLength + 1)
        do {
            _ = try Version(text, scheme: scheme)
            Issue.record("accepted a \(text.utf8.count)-byte version")
        } catch {
            #expect(error.reason == "longer than 256 bytes")
            #expect(error.version.count < 100, "the message must not echo the whole hostile string")
        }
    }

    /// 40-digit runs compare as numbers, without overflow, in every scheme that has digit runs.
    @Test(arguments: [(VersionScheme.dpkg, "1.", ""), (.rpm, "1.", ""), (.apk, "1.", ""), (.pep440, "1.", ""),
                      (.semver, "1.0.", ""), (.maven, "1.", ""), (.rubygems, "1.", "")])
    func comparesLongDigitRunsWithoutOverflow(scheme: VersionScheme, prefix: String, suffix: String) throws {
        let big = String(repeating: "9", count: 40)
        let bigger = "1" + String(repeating: "0", count: 40)
        #expect(try scheme.compare(prefix + big + suffix, prefix + bigger + suffix) == -1)
        // Leading zeros: ignored by most schemes; apk weighs a zero-led run below any other; SemVer refuses them.
        let padded = prefix + "0000" + big + suffix
        if scheme == .semver {
            #expect(!VersionAssertions.accepts(scheme, padded))
        } else {
            #expect(try scheme.compare(padded, prefix + big + suffix) == (scheme == .apk ? -1 : 0))
        }
    }

    /// A version made of nothing but separators and sub-lists, at the length bound, parses and compares.
    @Test(arguments: VersionScheme.allCases)
    func survivesSeparatorFloods(scheme: VersionScheme) {
        let flood = "1" + String(repeating: "-a", count: (Version.maximumLength - 1) / 2)
        if let version = try? Version(flood, scheme: scheme) {
            #expect(version.compare(to: version) == 0)
        }
    }

    @Test func comparesParsedValuesQuickly() throws {
        let installed = try Version("1:2.30.2-1+deb11u2", scheme: .dpkg)
        let bounds = try (0..<100).map { try Version("1:2.30.\($0)-1", scheme: .dpkg) }
        let clock = ContinuousClock()
        var less = 0
        let elapsed = clock.measure {
            for _ in 0..<1000 { for bound in bounds where installed < bound { less += 1 } }
        }
        #expect(less == 97_000)
        print("dpkg: 100000 comparisons in \(elapsed)")
    }
}

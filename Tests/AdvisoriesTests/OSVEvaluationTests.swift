import Advisories
import Testing

/// The OSV evaluation algorithm on the spec's own examples, with a SemVer comparator written for the tests.
@Suite struct OSVEvaluationTests {
    static let package = AffectedPackage(ecosystem: "npm", name: "example")

    static func affected(_ events: [RangeEvent], type: AffectedRange.Kind = .semver,
                         versions: [String] = []) -> Affected {
        Affected(package: package, ranges: [AffectedRange(type: type, events: events)], versions: versions)
    }

    static func semver(_ kind: AffectedRange.Kind, _ a: String, _ b: String) throws -> Int {
        try OSVTestSemVer.compare(a, b)
    }

    /// One row: events, then versions expected inside and outside the range.
    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var events: [RangeEvent]
        var inside: [String]
        var outside: [String]
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        // The spec's "unfixed vulnerability": every version.
        Row(name: "unfixed", events: [.introduced("0")], inside: ["0.0.1", "1.0.0", "99.0.0"], outside: []),
        // The spec's "fixed vulnerability": everything before 1.0.2.
        Row(name: "fixed", events: [.introduced("0"), .fixed("1.0.2")],
            inside: ["0.0.1", "1.0.1", "1.0.2-rc.1"], outside: ["1.0.2", "1.0.3", "2.0.0"]),
        // The spec's "multiple range": [1.0.0, 1.0.2) and [3.0.0, 3.2.5) in one range.
        Row(name: "two introduced in one range",
            events: [.introduced("1.0.0"), .fixed("1.0.2"), .introduced("3.0.0"), .fixed("3.2.5")],
            inside: ["1.0.0", "1.0.1", "3.0.0", "3.2.4"], outside: ["0.9.9", "1.0.2", "2.0.0", "3.2.5", "4.0.0"]),
        // The same events out of order: the algorithm sorts them first.
        Row(name: "unsorted events",
            events: [.fixed("3.2.5"), .introduced("3.0.0"), .fixed("1.0.2"), .introduced("1.0.0")],
            inside: ["1.0.1", "3.1.0"], outside: ["0.9.9", "2.0.0", "3.2.5"]),
        // The spec's `last_affected` example: 2.1.214 itself is affected, later ones are not.
        Row(name: "last_affected", events: [.introduced("0"), .lastAffected("2.1.214")],
            inside: ["1.0.0", "2.1.214"], outside: ["2.1.215", "3.0.0"]),
        // A limit caps the range; the version at the limit is outside.
        Row(name: "limit", events: [.introduced("1.0.0"), .limit("2.0.0")],
            inside: ["1.0.0", "1.9.9"], outside: ["0.9.0", "2.0.0", "2.1.0"]),
        // Several limits: below any one of them is enough.
        Row(name: "two limits", events: [.introduced("1.0.0"), .limit("2.0.0"), .limit("3.0.0")],
            inside: ["1.5.0", "2.5.0"], outside: ["3.0.0"]),
        // A limit containing `*` is infinity, so it caps nothing.
        Row(name: "infinite limit", events: [.introduced("1.0.0"), .limit("*")], inside: ["1.0.0", "9.0.0"],
            outside: ["0.1.0"]),
        // A fix and a limit together: the fix closes the range before the limit does.
        Row(name: "fixed under a limit", events: [.introduced("1.0.0"), .fixed("1.5.0"), .limit("2.0.0")],
            inside: ["1.2.0"], outside: ["1.5.0", "1.9.0", "2.0.0"]),
        // Reintroduced after a fix, never fixed again.
        Row(name: "reintroduced", events: [.introduced("0"), .fixed("1.0.0"), .introduced("2.0.0")],
            inside: ["0.5.0", "2.0.0", "5.0.0"], outside: ["1.0.0", "1.5.0"]),
    ]

    @Test(arguments: rows) func evaluatesRangesAsTheSpecSays(_ row: Row) throws {
        for kind in [AffectedRange.Kind.semver, .ecosystem] {
            let entry = Self.affected(row.events, type: kind)
            for version in row.inside { #expect(try entry.affects(version, compare: Self.semver), "\(version)") }
            for version in row.outside { #expect(try !entry.affects(version, compare: Self.semver), "\(version)") }
        }
    }

    @Test func matchesListedVersionsExactly() throws {
        let entry = Affected(package: Self.package, versions: ["1.2.3-foo", "2.0.0"])
        #expect(try entry.affects("1.2.3-foo", compare: Self.semver))
        #expect(try !entry.affects("1.2.3", compare: Self.semver))
    }

    @Test func matchesWhenAnyRangeDoes() throws {
        let entry = Affected(package: Self.package, ranges: [
            AffectedRange(type: .semver, events: [.introduced("1.0.0"), .fixed("2.0.0")]),
            AffectedRange(type: .ecosystem, events: [.introduced("3.0.0"), .fixed("4.0.0")]),
        ])
        #expect(try entry.affects("1.5.0", compare: Self.semver))
        #expect(try entry.affects("3.5.0", compare: Self.semver))
        #expect(try !entry.affects("2.5.0", compare: Self.semver))
    }

    /// GIT ranges name commits: they never match a package version, and the comparator is never asked about them.
    @Test func neverMatchesGitRanges() throws {
        let entry = Affected(package: Self.package, ranges: [
            AffectedRange(type: .git, repo: "https://example.com/repo", events: [.introduced("0")]),
        ])
        var calls = 0
        #expect(try !entry.affects("1.0.0") { _, _, _ in calls += 1; return 0 })
        #expect(calls == 0)
    }

    @Test func tellsTheComparatorEachRangesKind() throws {
        let entry = Affected(package: Self.package, ranges: [
            AffectedRange(type: .semver, events: [.introduced("5.0.0")]),
            AffectedRange(type: .ecosystem, events: [.introduced("5.0.0")]),
        ])
        var kinds: [AffectedRange.Kind] = []
        _ = try entry.affects("1.0.0") { kind, a, b in kinds.append(kind); return try OSVTestSemVer.compare(a, b) }
        #expect(kinds == [.semver, .ecosystem])
    }

    /// `introduced: "0"` is not a version of every scheme (it is not SemVer): it is never handed to the comparator.
    @Test func neverComparesTheSpecialZero() throws {
        let entry = Self.affected([.introduced("0"), .fixed("1.0.0")])
        let strict: (AffectedRange.Kind, String, String) throws -> Int = { _, a, b in
            guard a != "0", b != "0" else { throw OSVTestSemVer.Unreadable(version: "0") }
            return try OSVTestSemVer.compare(a, b)
        }
        #expect(try entry.affects("0.5.0", compare: strict))
        #expect(try !entry.affects("1.0.0", compare: strict))
    }

    @Test func passesOnTheComparatorsError() throws {
        let entry = Self.affected([.introduced("0"), .fixed("1.0.0")])
        #expect(throws: OSVTestSemVer.Unreadable(version: "not-a-version")) {
            try entry.affects("not-a-version", compare: Self.semver)
        }
    }

    @Test func listsFixedVersionsOfVersionRangesOnly() {
        let entry = Affected(package: Self.package, ranges: [
            AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed("1.0.2"), .introduced("2.0.0"),
                                                     .fixed("2.0.5")]),
            AffectedRange(type: .semver, events: [.introduced("0"), .fixed("1.0.2")]),
            AffectedRange(type: .git, repo: "https://example.com/repo",
                          events: [.introduced("0"), .fixed(String(repeating: "a", count: 40))]),
        ])
        #expect(entry.fixedVersions == ["1.0.2", "2.0.5"])
    }
}

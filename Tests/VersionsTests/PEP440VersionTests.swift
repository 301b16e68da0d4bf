import Foundation
import Testing
import TestSupport
@testable import Versions

/// `packaging`'s own version tests, from `../shared/corpora/versions/pep440/packaging-26.4-vectors.json`.
@Suite(.enabled(if: TestPaths.hasCorpus("versions/pep440"),
                Comment(rawValue: "needs the PEP 440 corpus in \(TestPaths.corpus("versions/pep440"))")))
struct PEP440VersionTests {
    /// The `tests.test_version` tables: the ascending `VERSIONS` list and parametrised cases by test name.
    static var vectors: [String: Any] {
        let path = TestPaths.corpus("versions/pep440") + "/packaging-26.4-vectors.json"
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let tests = root["tests.test_version"] as? [String: Any] else { return [:] }
        return tests
    }

    /// The values of a parametrised test (its first parameter table).
    static func values(_ test: String) -> [Any] {
        guard let tables = vectors["TestVersion." + test] as? [[String: Any]],
              let values = tables.first?["values"] as? [Any] else { return [] }
        return values
    }

    @Test func ordersTheAscendingVersionsList() throws {
        let versions = try #require(Self.vectors["VERSIONS"] as? [String])
        let pairs = VersionAssertions.expectAscending(.pep440, versions)
        #expect(versions.count == 92 && pairs == 92 * 91 / 2)
        print("pep440 VERSIONS: \(versions.count) versions, \(pairs) ordered pairs")
    }

    @Test func acceptsValidVersions() {
        let versions = Self.values("test_valid_versions").compactMap { $0 as? String }
        for text in versions { #expect(VersionAssertions.accepts(.pep440, text), "\(text)") }
        #expect(versions.count == 92)
        print("pep440 valid: \(versions.count)")
    }

    @Test func refusesInvalidVersions() {
        let versions = Self.values("test_invalid_versions").compactMap { $0 as? String }
        for text in versions { #expect(!VersionAssertions.accepts(.pep440, text), "\(text.debugDescription)") }
        #expect(versions.count == 20)
        print("pep440 invalid: \(versions.count)")
    }

    @Test func refusesOversizedVersions() {
        let versions = Self.values("test_oversized_version_raises_valueerror").compactMap { $0 as? String }
        for text in versions { #expect(!VersionAssertions.accepts(.pep440, text)) }
        #expect(versions.count == 2)
    }

    /// Each alternative spelling normalises to the expected form and compares equal to it.
    @Test func normalisesAlternativeSpellings() throws {
        let pairs = Self.values("test_normalized_versions").compactMap { $0 as? [String] }
        for pair in pairs {
            let version = try Version(pair[0], scheme: .pep440)
            let parsed = try #require(version.parsed as? Parsed<PEP440Version>)
            #expect(parsed.value.normalized == pair[1], "\(pair[0].debugDescription)")
            #expect(try version == Version(pair[1], scheme: .pep440), "\(pair[0].debugDescription)")
        }
        #expect(pairs.count == 102)
        print("pep440 normalized: \(pairs.count)")
    }

    @Test func printsTheNormalForm() throws {
        let pairs = Self.values("test_version_str_repr").compactMap { $0 as? [String] }
        for pair in pairs {
            let parsed = try #require(try Version(pair[0], scheme: .pep440).parsed as? Parsed<PEP440Version>)
            #expect(parsed.value.normalized == pair[1], "\(pair[0])")
        }
        #expect(pairs.count == 47)
        print("pep440 str: \(pairs.count)")
    }

    @Test(arguments: [("1.0", "1.0.0", 0), ("1!1.0", "2.0", 1), ("1.0+abc", "1.0+1", -1), ("1.0+1.a", "1.0+1", 1),
                      ("1.0.dev1", "1.0a1", -1), ("1.0.post1.dev1", "1.0.post1", -1), ("1.0+01", "1.0+1", 0)])
    func ordersByTheComparisonKey(a: String, b: String, expected: Int) {
        VersionAssertions.expectOrder(.pep440, a, b, expected)
    }
}

/// `packaging`'s property tables: each version's epoch, release, pre, post, dev, local, public and base parts.
@Suite(.enabled(if: TestPaths.hasCorpus("versions/pep440"),
                Comment(rawValue: "needs the PEP 440 corpus in \(TestPaths.corpus("versions/pep440"))")))
struct PEP440PartsTests {
    /// The parsed form of a version the table lists as valid.
    static func parts(_ text: String) throws -> PEP440Version {
        try #require(try Version(text, scheme: .pep440).parsed as? Parsed<PEP440Version>).value
    }

    /// The expected value printed the way Python prints it (`None`, `1`, `[1, 0]`, `('a', 1)` as `a1`).
    static func python(_ value: Any) -> String {
        switch value {
        case is NSNull: return "None"
        case let number as NSNumber: return number.stringValue
        case let text as String: return text
        case let list as [Any]:
            if list.count == 2, let letter = list[0] as? String, let number = list[1] as? NSNumber {
                return letter + number.stringValue
            }
            return list.map(python).joined(separator: ".")
        default: return "\(value)"
        }
    }

    /// The same part of the parsed version, printed alike.
    static func part(_ name: String, of version: PEP440Version) -> String {
        let release = version.release.map(\.description).joined(separator: ".")
        let base = (version.epoch.isZero ? "" : "\(version.epoch)!") + release
        let normalized = version.normalized
        switch name {
        case "epoch": return version.epoch.description
        case "release": return release
        case "pre": return version.pre.map { "\($0.phase.spelling)\($0.number)" } ?? "None"
        case "post": return version.post?.description ?? "None"
        case "dev": return version.dev?.description ?? "None"
        case "local": return normalized.split(separator: "+", maxSplits: 1).dropFirst().first.map(String.init) ?? "None"
        case "public": return String(normalized.split(separator: "+", maxSplits: 1)[0])
        case "base_version": return base
        default: return "unknown part \(name)"
        }
    }

    @Test(arguments: ["epoch", "release", "pre", "post", "dev", "local", "public", "base_version"])
    func readsEachPartAsPackaging(name: String) throws {
        let rows = PEP440VersionTests.values("test_version_" + name).compactMap { $0 as? [Any] }
        for row in rows {
            let text = try #require(row[0] as? String)
            #expect(Self.part(name, of: try Self.parts(text)) == Self.python(row[1]), "\(name) of \(text)")
        }
        #expect(!rows.isEmpty)
        print("pep440 \(name): \(rows.count)")
    }
}

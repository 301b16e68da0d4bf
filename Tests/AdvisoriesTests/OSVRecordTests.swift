import Advisories
import Testing

/// Strict parsing of hand-written records: what the schema requires, and hostile input refused with the field named.
@Suite struct OSVRecordTests {
    static let header = #""id": "GHSA-aaaa-bbbb-cccc", "modified": "2024-01-02T03:04:05Z""#

    /// A record with `header` and `extra` members.
    static func record(_ extra: String) -> [UInt8] {
        Array(("{" + header + (extra.isEmpty ? "" : ", " + extra) + "}").utf8)
    }

    /// A record whose one affected entry has `range` as its one range.
    static func recordWithRange(_ range: String) -> [UInt8] {
        record(#""affected": [{"package": {"ecosystem": "npm", "name": "x"}, "ranges": [\#(range)]}]"#)
    }

    static func parse(_ bytes: [UInt8]) throws(OSVError) -> Advisory {
        try OSVRecord.parse(bytes, source: "test.json")
    }

    @Test func readsAFullRecord() throws {
        let advisory = try Self.parse(Self.record(#"""
            "published": "2024-01-01T00:00:00.123+02:00", "aliases": ["CVE-2024-1"],
            "summary": "s", "details": "d", "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N"}],
            "references": [{"type": "FIX", "url": "https://example.com"}],
            "affected": [{"package": {"ecosystem": "npm", "name": "x", "purl": "pkg:npm/x"}, "versions": ["1.0.0"],
              "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.0.1"}]}],
              "ecosystem_specific": {"imports": []}, "database_specific": {}}]
            """#))
        #expect(advisory.id == "GHSA-aaaa-bbbb-cccc")
        #expect(advisory.published == "2024-01-01T00:00:00.123+02:00")
        #expect(advisory.aliases == ["CVE-2024-1"])
        #expect(advisory.severity == [SeverityScore(type: "CVSS_V3", score: "CVSS:3.1/AV:N")])
        #expect(advisory.references == [Reference(type: "FIX", url: "https://example.com")])
        #expect(advisory.affected == [Affected(
            package: AffectedPackage(ecosystem: "npm", name: "x", purl: "pkg:npm/x"),
            ranges: [AffectedRange(type: .semver, events: [.introduced("0"), .fixed("1.0.1")])], versions: ["1.0.0"])])
    }

    /// Newer schema versions add fields; the spec asks readers to ignore those they do not know.
    @Test func acceptsUnknownFieldsAndNullLists() throws {
        let advisory = try Self.parse(Self.record(#"""
            "x_future": {"a": [1, 2.5e3, true, null]}, "aliases": null, "affected": null, "references": null,
            "severity": null, "upstream": ["CVE-1"], "credits": [{"name": "n", "contact": ["mailto:a@b"]}]
            """#))
        #expect(advisory.affected.isEmpty && advisory.aliases.isEmpty)
    }

    /// Unknown severity types are kept as written: the CVSS scorer skips what it cannot score.
    @Test func keepsUnknownSeverityTypes() throws {
        let advisory = try Self.parse(Self.record(#""severity": [{"type": "CVSS_V9", "score": "9.9"}]"#))
        #expect(advisory.severity.first?.type == "CVSS_V9")
    }

    /// RFC 3339 date-times the schema's `format: date-time` admits, beyond the `Z` form databases write.
    @Test(arguments: ["2024-01-02T03:04:05Z", "2024-01-02t03:04:05z", "2024-01-02T03:04:05.123456789Z",
                      "2024-01-02T03:04:05+05:30", "2024-01-02T03:04:05-00:00", "2024-02-29T00:00:00Z",
                      "2016-12-31T23:59:60Z", "2000-02-29T12:00:00Z"])
    func acceptsRFC3339DateTimes(_ modified: String) throws {
        let advisory = try Self.parse(Array(#"{"id": "A-1", "modified": "\#(modified)"}"#.utf8))
        #expect(advisory.modified == modified)
    }

    @Test(arguments: ["2024-01-02", "2024-01-02 03:04:05Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
                      "2024-01-02T24:00:00Z", "2024-01-02T03:60:00Z", "2024-01-02T03:04:61Z", "2024-00-02T03:04:05Z",
                      "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05+0530", "2024-01-02T03:04:05+24:00",
                      "+2024-01-02T03:04:05Z", "2024-01-02T03:04:05ZZ", "２０２４-01-02T03:04:05Z"])
    func rejectsOtherDateTimes(_ modified: String) throws {
        let error = try #require(throws: OSVError.self) {
            try Self.parse(Array(#"{"id": "A-1", "modified": "\#(modified)"}"#.utf8))
        }
        #expect(error.field == "modified")
        #expect(error.reason.hasSuffix("is not an RFC 3339 date-time"))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var field: String
        var reason: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ field: String, _ reason: String) {
            self.init(name, Array(text.utf8), field, reason)
        }

        init(_ name: String, _ bytes: [UInt8], _ field: String, _ reason: String) {
            self.name = name
            self.bytes = bytes
            self.field = field
            self.reason = reason
        }
    }

    /// The path of the range `recordWithRange` writes.
    static let range = "affected[0].ranges[0]"

    static let invalid: [Case] = [
        // Not JSON at all, or not a JSON object.
        Case("empty", "", "$", "ends where a value should start"),
        Case("array", "[]", "$", "JSON array, not an object"),
        Case("truncated", #"{"id": "GHSA-aa"#, "id", "ends inside a string"),
        Case("trailing data", "{" + header + "} {}", "$", "data after the end"),
        Case("trailing comma", "{" + header + ",}", "$", "expected a string key"),
        Case("byte order mark", [0xEF, 0xBB, 0xBF] + Array("{}".utf8), "$", "byte order mark"),
        Case("bare control character", "{\"id\": \"a\u{01}\"}", "id", "control character inside a string"),
        Case("lone surrogate", #"{"id": "\ud800"}"#, "id", "lone surrogate"),
        Case("invalid UTF-8", [UInt8](#"{"id": ""#.utf8) + [0xC3, 0x28] + [UInt8](#""}"#.utf8), "id", "UTF-8"),
        // A repeated key: two parsers could read two different advisories.
        Case("repeated id", #"{"id": "A-1", "id": "B-2", "modified": "2024-01-02T03:04:05Z"}"#, "id", "twice"),
        Case("repeated nested key", record(#""database_specific": {"a": 1, "a": 2}"#),
             "database_specific.a", "twice"),
        // Required fields and their types.
        Case("no id", #"{"modified": "2024-01-02T03:04:05Z"}"#, "id", "missing"),
        Case("numeric id", #"{"id": 7, "modified": "2024-01-02T03:04:05Z"}"#, "id", "expected a string, found number"),
        Case("empty id", #"{"id": "", "modified": "2024-01-02T03:04:05Z"}"#, "id", "empty"),
        Case("control character in id", #"{"id": "A\u001b[2J", "modified": "2024-01-02T03:04:05Z"}"#, "id",
             "control character"),
        Case("no modified", #"{"id": "A-1"}"#, "modified", "missing"),
        Case("modified not a date", #"{"id": "A-1", "modified": "yesterday"}"#, "modified", "RFC 3339"),
        Case("modified on February 30th", #"{"id": "A-1", "modified": "2024-02-30T00:00:00Z"}"#, "modified",
             "RFC 3339"),
        Case("modified without zone", #"{"id": "A-1", "modified": "2024-01-02T03:04:05"}"#, "modified", "RFC 3339"),
        Case("published a number", record(#""published": 1700000000"#),
             "published", "expected a string"),
        Case("withdrawn not a date", record(#""withdrawn": "2024-13-01T00:00:00Z""#),
             "withdrawn", "RFC 3339"),
        Case("aliases a string", record(#""aliases": "CVE-1""#), "aliases",
             "expected an array, found string"),
        Case("alias a number", record(#""aliases": ["CVE-1", 2]"#), "aliases[1]",
             "expected a string, found number"),
        Case("related null", record(#""related": null"#), "related",
             "expected an array, found null"),
        Case("summary an object", record(#""summary": {}"#), "summary",
             "expected a string, found object"),
        Case("severity without score", record(#""severity": [{"type": "CVSS_V3"}]"#),
             "severity[0].score", "missing"),
        Case("reference without url", record(#""references": [{"type": "WEB"}]"#),
             "references[0].url", "missing"),
        Case("credit without name", record(#""credits": [{}]"#), "credits[0].name",
             "missing"),
        Case("database_specific an array", record(#""database_specific": []"#),
             "database_specific", "expected an object"),
        // Affected entries and packages.
        Case("affected an object", record(#""affected": {}"#), "affected",
             "expected an array, found object"),
        Case("affected entry a string", record(#""affected": ["npm"]"#),
             "affected[0]", "expected an object, found string"),
        Case("package without name",
             record(#""affected": [{"package": {"ecosystem": "npm"}}]"#),
             "affected[0].package.name", "missing"),
        Case("package with empty ecosystem",
             record(#""affected": [{"package": {"ecosystem": "", "name": "x"}}]"#),
             "affected[0].package.ecosystem", "empty"),
        Case("package a string", record(#""affected": [{"package": "npm/x"}]"#),
             "affected[0].package", "expected an object, found string"),
        Case("versions with a number",
             record(#""affected": [{"package": {"ecosystem": "npm", "name": "x"}, "versions": [1]}]"#),
             "affected[0].versions[0]", "expected a string"),
        Case("severity at both levels", record(#"""
             "severity": [{"type": "Ubuntu", "score": "low"}],
             "affected": [{"package": {"ecosystem": "npm", "name": "x"},
                           "severity": [{"type": "Ubuntu", "score": "high"}]}]
             """#), "affected[0].severity", "also has a severity"),
        // Ranges and events.
        Case("unknown range type", recordWithRange(#"{"type": "NPM", "events": [{"introduced": "0"}]}"#),
             range + ".type", "not SEMVER, ECOSYSTEM or GIT"),
        Case("range without type", recordWithRange(#"{"events": [{"introduced": "0"}]}"#), range + ".type",
             "missing"),
        Case("range without events", recordWithRange(#"{"type": "SEMVER"}"#), range + ".events", "missing"),
        Case("range with no events", recordWithRange(#"{"type": "SEMVER", "events": []}"#), range + ".events",
             "empty"),
        Case("no introduced", recordWithRange(#"{"type": "SEMVER", "events": [{"fixed": "1.0.0"}]}"#),
             range + ".events", "no \"introduced\" event"),
        Case("event with two keys",
             recordWithRange(#"{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1.0.2"}]}"#),
             range + ".events[0]", "exactly one key, found 2"),
        Case("event with no keys", recordWithRange(#"{"type": "SEMVER", "events": [{}]}"#), range + ".events[0]",
             "exactly one key, found 0"),
        Case("unknown event", recordWithRange(#"{"type": "SEMVER", "events": [{"introduce": "0"}]}"#),
             range + ".events[0].introduce", "not an event"),
        Case("numeric event", recordWithRange(#"{"type": "SEMVER", "events": [{"introduced": 0}]}"#),
             range + ".events[0].introduced", "expected a string"),
        Case("fixed and last_affected", recordWithRange(#"""
             {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2"}, {"last_affected": "1"}]}
             """#), range + ".events", "both \"fixed\" and \"last_affected\""),
        Case("a version twice", recordWithRange(#"""
             {"type": "ECOSYSTEM", "events": [{"introduced": "1"}, {"fixed": "2"}, {"introduced": "2"}]}
             """#), range + ".events[2]", "appears in two events"),
        Case("GIT without repo", recordWithRange(#"{"type": "GIT", "events": [{"introduced": "0"}]}"#),
             range + ".repo", "missing"),
        Case("GIT with a short hash", recordWithRange(#"""
             {"type": "GIT", "repo": "https://example.com/r", "events": [{"introduced": "0"}, {"fixed": "abc123"}]}
             """#), range + ".events[1].fixed", "not a full commit hash"),
    ]

    @Test(arguments: invalid) func rejectsNamingTheField(_ invalid: Case) throws {
        let error = try #require(throws: OSVError.self) { try Self.parse(invalid.bytes) }
        #expect(error.source == "test.json")
        #expect(error.field == invalid.field)
        #expect(error.reason.contains(invalid.reason), "\(error)")
    }

    @Test func describesErrorsWithSourceAndField() {
        let error = OSVError(source: "all.zip:GO-1.json", field: "modified", reason: "missing")
        #expect(error.description == "all.zip:GO-1.json: modified: missing")
    }
}

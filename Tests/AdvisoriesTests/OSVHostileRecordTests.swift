import Advisories
import Testing

/// Records built to exhaust memory, time or the stack: each is refused quickly, naming the bound it passed.
@Suite struct OSVHostileRecordTests {
    static let header = #"{"id": "GHSA-aaaa-bbbb-cccc", "modified": "2024-01-02T03:04:05Z""#

    static func parse(_ text: String) throws(OSVError) -> Advisory {
        try OSVRecord.parse(Array(text.utf8), source: "hostile.json")
    }

    static func range(events: String) -> String {
        header + #", "affected": [{"package": {"ecosystem": "npm", "name": "x"}, "ranges": [{"type": "SEMVER", "#
            + #""events": [\#(events)]}]}]}"#
    }

    /// 100,000 empty entries are 300 KB of JSON: small enough to download, too many to match against.
    @Test func refusesTooManyAffectedEntries() throws {
        let entries = Array(repeating: "{}", count: 100_000).joined(separator: ",")
        let text = Self.header + #", "affected": ["# + entries + "]}"
        let start = ContinuousClock.now
        let error = try #require(throws: OSVError.self) { try Self.parse(text) }
        #expect(error.field == "affected")
        #expect(error.reason == "100000 entries, over the limit of \(OSVLimits.maxAffected)")
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    @Test func refusesTooManyEvents() throws {
        let events = (0...OSVLimits.maxEvents).map { #"{"introduced": "\#($0)"}"# }.joined(separator: ",")
        let error = try #require(throws: OSVError.self) { try Self.parse(Self.range(events: events)) }
        #expect(error.field == "affected[0].ranges[0].events")
        #expect(error.reason.contains("over the limit of \(OSVLimits.maxEvents)"))
    }

    @Test func refusesTooManyVersions() throws {
        let versions = Array(repeating: #""1""#, count: OSVLimits.maxVersions + 1).joined(separator: ",")
        let text = Self.header + #", "affected": [{"package": {"ecosystem": "npm", "name": "x"}, "versions": ["#
            + versions + "]}]}"
        let error = try #require(throws: OSVError.self) { try Self.parse(text) }
        #expect(error.field == "affected[0].versions")
        #expect(error.reason.contains("over the limit of \(OSVLimits.maxVersions)"))
    }

    /// Two bytes per value: a 1.2 MB array of zeros would be 600,000 values in memory.
    @Test func refusesTooManyValues() throws {
        let text = Self.header + #", "database_specific": {"x": ["# + Array(repeating: "0", count: 600_000)
            .joined(separator: ",") + "]}}"
        let error = try #require(throws: OSVError.self) { try Self.parse(text) }
        #expect(error.reason == "more than \(OSVLimits.maxValues) JSON values in one record")
    }

    @Test func refusesOversizedRecords() throws {
        let text = Self.header + #", "details": ""# + String(repeating: "a", count: OSVLimits.maxRecordBytes) + "\"}"
        let error = try #require(throws: OSVError.self) { try Self.parse(text) }
        #expect(error.field == "$")
        #expect(error.reason.contains("over the limit of \(OSVLimits.maxRecordBytes)"))
    }

    /// A million nested arrays would overflow a recursive parser's stack; it stops at the depth bound instead.
    @Test func refusesDeepNesting() throws {
        let text = Self.header + #", "database_specific": {"x": "# + String(repeating: "[", count: 1_000_000)
        let error = try #require(throws: OSVError.self) { try Self.parse(text) }
        #expect(error.field.hasPrefix("database_specific.x[0][0]"))
        #expect(error.reason == "arrays and objects nested deeper than \(OSVLimits.maxDepth) levels")
    }

    @Test func refusesOverlongTokens() throws {
        let id = String(repeating: "A", count: OSVLimits.maxTokenBytes + 1)
        let error = try #require(throws: OSVError.self) {
            try Self.parse(#"{"id": "\#(id)", "modified": "2024-01-02T03:04:05Z"}"#)
        }
        #expect(error.field == "id")
        #expect(error.reason.contains("over the limit of \(OSVLimits.maxTokenBytes)"))
    }

    /// A key chosen by the record's author is quoted and escaped in the error, never printed raw.
    @Test func quotesHostileKeysInErrors() throws {
        let error = try #require(throws: OSVError.self) {
            try Self.parse(Self.range(events: #"{"\u001b[2J": "0"}"#))
        }
        #expect(error.field.hasPrefix("affected[0].ranges[0].events[0]["))
        #expect(!error.field.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    /// Truncating a valid record at every byte gives an error each time, never a crash or an advisory.
    @Test func refusesEveryTruncation() throws {
        let text = Self.range(events: #"{"introduced": "0"}, {"fixed": "1.0.\u00e9"}"#)
        let bytes = Array(text.utf8)
        #expect(throws: Never.self) { try OSVRecord.parse(bytes, source: "whole.json") }
        for length in 0..<bytes.count {
            #expect(throws: OSVError.self) { try OSVRecord.parse(Array(bytes[..<length]), source: "cut.json") }
        }
    }
}

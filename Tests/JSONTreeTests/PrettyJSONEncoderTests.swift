import Foundation
import JSONTree
import Testing

/// The encoder writes what Foundation's JSONEncoder writes with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, except for empty containers, which it writes as `[]` and `{}`.
struct PrettyJSONEncoderTests {
    struct Score: Codable, Equatable {
        var version: String
        var baseScore: Double
        var vector: String?
    }

    struct Match: Codable, Equatable {
        var advisory: String
        var aliases: [String]
        var fixed: [String]
        var layer: Int?
        var score: Score?
        var facts: [String: String]
        var flags: [Bool]
        var sizes: [UInt64]
        var small: Int8
        var ratio: Float
    }

    static let matches = [
        Match(advisory: "GHSA-xxxx", aliases: ["CVE-2024-1", "CVE-2024-2"], fixed: [], layer: 3,
              score: Score(version: "3.1", baseScore: 9.8, vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
              facts: ["zeta": "z", "alpha": "a", "Beta": "b", "path": "/usr/lib/x"], flags: [true, false],
              sizes: [0, UInt64.max], small: -8, ratio: 0.5),
        Match(advisory: "quote \" backslash \\ newline \n tab \t bell \u{07} nul \u{0} del \u{7f} é 😀", aliases: [],
              fixed: ["1.0"], layer: nil, score: Score(version: "4.0", baseScore: 10, vector: nil), facts: [:],
              flags: [], sizes: [], small: 127, ratio: 1e-7),
    ]

    /// Foundation's text, with its empty containers written as ours are.
    static func foundation(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        return text.replacing(#/\[\n\n\s*\]/#, with: "[]").replacing(#/\{\n\n\s*\}/#, with: "{}")
    }

    @Test func writesWhatFoundationWritesForNestedValues() throws {
        let ours = String(decoding: try PrettyJSONEncoder().encode(Self.matches), as: UTF8.self)
        #expect(ours == (try Self.foundation(Self.matches)))
        #expect(try JSONDecoder().decode([Match].self, from: Data(ours.utf8)) == Self.matches)
    }

    @Test func writesTopLevelScalarsAndEmptyContainers() throws {
        #expect(try PrettyJSONEncoder().encode("text") == Array("\"text\"".utf8))
        #expect(try PrettyJSONEncoder().encode(2.5) == Array("2.5".utf8))
        #expect(try PrettyJSONEncoder().encode([String]()) == Array("[]".utf8))
        #expect(try PrettyJSONEncoder().encode([String: Int]()) == Array("{}".utf8))
    }

    @Test func escapesEveryControlCharacter() throws {
        let text = String((0..<0x20).map { Character(UnicodeScalar(UInt8($0))) })
        let ours = String(decoding: try PrettyJSONEncoder().encode([text]), as: UTF8.self)
        #expect(ours == (try Self.foundation([text])))
        #expect(try JSONDecoder().decode([String].self, from: Data(ours.utf8)) == [text])
    }

    /// Keys sort by Unicode scalar value on every machine; Foundation's locale-aware order would put `Beta` after
    /// `alpha`.
    @Test func sortsKeysByScalarValue() throws {
        let ours = String(decoding: try PrettyJSONEncoder().encode(["b": 1, "a10": 2, "a2": 3, "B": 4]), as: UTF8.self)
        #expect(ours == "{\n  \"B\" : 4,\n  \"a10\" : 2,\n  \"a2\" : 3,\n  \"b\" : 1\n}")
    }

    struct Twice: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(1, forKey: AnyKey("k"))
            try container.encode(2, forKey: AnyKey("a"))
            try container.encode(3, forKey: AnyKey("k"))
            var nested = container.superEncoder().unkeyedContainer()
            try nested.encode("s")
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ text: String) { stringValue = text }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    @Test func keepsTheLastValueOfAKeyEncodedTwiceAndWritesSuperEncoders() throws {
        let ours = String(decoding: try PrettyJSONEncoder().encode(Twice()), as: UTF8.self)
        #expect(ours == "{\n  \"a\" : 2,\n  \"k\" : 3,\n  \"super\" : [\n    \"s\"\n  ]\n}")
        #expect(ours == (try Self.foundation(Twice())))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func refusesNumbersJSONCannotSpell(number: Double) throws {
        let error = #expect(throws: EncodingError.self) {
            try PrettyJSONEncoder().encode(["scores": [Score(version: "3.1", baseScore: number, vector: nil)]])
        }
        guard case .invalidValue(_, let context) = error else {
            return #expect(Bool(false), "expected invalidValue, got \(String(describing: error))")
        }
        #expect(context.codingPath.map(\.stringValue) == ["scores", "Index 0", "baseScore"])
    }
}

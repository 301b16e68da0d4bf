import Forensics
import Testing

/// What a scan of one document should say, in a form a table can state.
enum ExpectedScan: Sendable, Equatable {
    /// Read to the end; these pointers repeat a key byte for byte (after decoding escapes).
    case duplicates([String])
    /// Read to the end; these pointers repeat a key only as Swift compares strings.
    case canonicallyEquivalent([String])
    /// Nesting passed the bound.
    case tooDeep
    /// Not JSON.
    case unreadable

    init(_ outcome: JSONDuplicateKeys.Outcome) {
        switch outcome {
        case .checked(let duplicates, _) where duplicates.contains(where: \.canonicallyEquivalent):
            self = .canonicallyEquivalent(duplicates.map(\.pointer))
        case .checked(let duplicates, _): self = .duplicates(duplicates.map(\.pointer))
        case .tooDeep: self = .tooDeep
        case .unreadable: self = .unreadable
        }
    }
}

/// One document and what scanning it must report.
struct ScanCase: Sendable, CustomTestStringConvertible {
    let label: String
    let bytes: [UInt8]
    let expected: ExpectedScan
    var testDescription: String { label }

    init(_ label: String, _ text: String, _ expected: ExpectedScan) {
        self.init(label, Array(text.utf8), expected)
    }

    init(_ label: String, _ bytes: [UInt8], _ expected: ExpectedScan) {
        self.label = label
        self.bytes = bytes
        self.expected = expected
    }
}

private func nested(_ depth: Int) -> String {
    String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
}

private let scanCases: [ScanCase] = [
    // Nothing repeated: the baseline every real manifest should meet.
    ScanCase("distinct keys", #"{"a":1,"b":{"a":2},"c":[]}"#, .duplicates([])),
    // Empty containers and scalars at the top level are JSON too.
    ScanCase("empty object", "{}", .duplicates([])),
    ScanCase("top-level scalar", " 42 ", .duplicates([])),
    // The plain case: JSONDecoder keeps the first value, Go the last.
    ScanCase("repeated key", #"{"a":1,"a":2}"#, .duplicates(["/a"])),
    // The disagreement trick: one key spelled with an escape, invisible to a text search for "a".
    ScanCase("escaped repeat", #"{"a":1,"\u0061":2}"#, .duplicates(["/a"])),
    // The same with a non-ASCII key written raw and escaped.
    ScanCase("escaped non-ASCII repeat", #"{"é":1,"\u00e9":2}"#, .duplicates(["/é"])),
    // A repeat deep in an array of objects is named by its full pointer.
    ScanCase("repeat in an array of objects",
             #"{"layers":[{"mediaType":"x"},{"digest":"d","mediaType":"y","mediaType":"z"}]}"#,
             .duplicates(["/layers/1/mediaType"])),
    // The same key in two different objects is not a repeat.
    ScanCase("same key in sibling objects", #"[{"a":1},{"a":2}]"#, .duplicates([])),
    ScanCase("same key in parent and child", #"{"a":{"a":{"a":1}}}"#, .duplicates([])),
    // A key three times is one repeated key.
    ScanCase("three times", #"{"a":1,"a":2,"a":3}"#, .duplicates(["/a"])),
    // RFC 6901: '/' is written ~1 and '~' is written ~0 in the pointer; "\/" decodes to '/'.
    ScanCase("pointer escaping", #"{"a/b":1,"a\/b":2,"m~n":{"k":1,"k":2}}"#, .duplicates(["/a~1b", "/m~0n/k"])),
    // An escaped quote is the same key as the \u0022 spelling.
    ScanCase("escaped quote", #"{"a\"b":1,"a\u0022b":2}"#, .duplicates(["/a\"b"])),
    // Keys differing in case are different keys to every parser (Go's case-insensitive match is for structs).
    ScanCase("case differs", #"{"Labels":1,"labels":2}"#, .duplicates([])),
    // Braces, quotes and repeated keys inside a string value are text, not structure.
    ScanCase("structure inside a string", #"{"v":"{\"a\":1,\"a\":2}","w":"]}"}"#, .duplicates([])),
    // A surrogate pair escape is the same key as the character written raw.
    ScanCase("surrogate pair", #"{"😀":1,"\ud83d\ude00":2}"#, .duplicates(["/😀"])),
    // Lone surrogates decode to U+FFFD in Go, so these two keys are one key there and two elsewhere.
    ScanCase("two lone surrogates", #"{"\ud800":1,"\udc00":2}"#, .duplicates(["/\u{FFFD}"])),
    // A lone surrogate is the same key as U+FFFD written out, to Go.
    ScanCase("lone surrogate and U+FFFD", #"{"\ud800":1,"\ufffd":2}"#, .duplicates(["/\u{FFFD}"])),
    // A high surrogate followed by an escape that is not a low one: the high becomes U+FFFD, the next stays.
    ScanCase("high surrogate then letter", #"{"\ud800\u0041":1,"\ufffdA":2}"#, .duplicates(["/\u{FFFD}A"])),
    // Invalid UTF-8 bytes become U+FFFD each, as Go decodes them, so these keys collide.
    ScanCase("invalid UTF-8 bytes", [0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x2c, 0x22, 0xfe, 0x22, 0x3a, 0x32, 0x7d],
             .duplicates(["/\u{FFFD}"])),
    // A truncated three-byte sequence is two invalid bytes, two U+FFFD.
    ScanCase("truncated sequence", [0x7b, 0x22, 0xe2, 0x82, 0x22, 0x3a, 0x31, 0x2c] + Array(#""\ufffd\ufffd":2}"#.utf8),
             .duplicates(["/\u{FFFD}\u{FFFD}"])),
    // An overlong encoding of 'a' is not 'a'.
    ScanCase("overlong encoding", [0x7b, 0x22, 0xc1, 0xa1, 0x22, 0x3a, 0x31, 0x2c, 0x22, 0x61, 0x22, 0x3a, 0x32, 0x7d],
             .duplicates([])),
    // Precomposed é and e + combining acute differ in bytes; Swift's String merges them, Go keeps both.
    ScanCase("canonically equivalent keys", "{\"\u{e9}\":1,\"e\u{301}\":2}", .canonicallyEquivalent(["/e\u{301}"])),
    // The Kelvin sign is canonically equivalent to ASCII K, so Swift merges these keys too.
    ScanCase("Kelvin sign and K", #"{"K":1,"\u212a":2}"#, .canonicallyEquivalent(["/\u{212A}"])),
    // Exactly the bound deep is still checked.
    ScanCase("nesting at the bound", nested(JSONDuplicateKeys.maxDepth), .duplicates([])),
    // One level deeper is not.
    ScanCase("nesting past the bound", nested(JSONDuplicateKeys.maxDepth + 1), .tooDeep),
    // 100k levels would overflow a recursive parser's stack; this one stops at the bound.
    ScanCase("100k nested arrays", nested(100_000), .tooDeep),
    ScanCase("100k nested objects", String(repeating: #"{"a":"#, count: 100_000), .tooDeep),
    // Malformed documents are "cannot check", never a trap.
    ScanCase("empty input", "", .unreadable),
    ScanCase("trailing comma", #"{"a":1,}"#, .unreadable),
    ScanCase("missing colon", #"{"a" 1}"#, .unreadable),
    ScanCase("unterminated string", #"{"a"#, .unreadable),
    ScanCase("unterminated escape", #"{"a\"#, .unreadable),
    ScanCase("short unicode escape", #"{"\u00":1}"#, .unreadable),
    ScanCase("unknown escape", #"{"\x41":1}"#, .unreadable),
    ScanCase("raw control character", "{\"a\u{1b}\":1}", .unreadable),
    ScanCase("data after the document", "[1] 2", .unreadable),
    ScanCase("unclosed array", "[1, 2", .unreadable),
    ScanCase("mismatched close", #"{"a":[1}"#, .unreadable),
    ScanCase("bad literal", "[tru]", .unreadable),
    ScanCase("non-string key", "{1:2}", .unreadable),
    // JSONDecoder skips a byte order mark; Go refuses the document. The scan reports it as not strict JSON.
    ScanCase("byte order mark", [0xef, 0xbb, 0xbf] + Array("{}".utf8), .unreadable),
]

@Suite struct JSONDuplicateKeysTests {
    @Test(arguments: scanCases)
    func reportsRepeatedKeysAsPointers(_ scanCase: ScanCase) {
        #expect(ExpectedScan(JSONDuplicateKeys.scan(scanCase.bytes)) == scanCase.expected)
    }

    @Test func namesTheDepthWhereItStopped() {
        let outcome = JSONDuplicateKeys.scan(Array(#"{"config":{"Labels":"#.utf8) + Array(nested(200).utf8))
        guard case .tooDeep(let pointer) = outcome else {
            Issue.record("expected tooDeep, got \(outcome)")
            return
        }
        let arrays = Array(repeating: "/0", count: JSONDuplicateKeys.maxDepth - 2).joined()
        #expect(pointer == "/config/Labels" + arrays)
    }

    @Test func countsEveryRepeatButNamesAtMostTheBound() {
        let members = (0..<100).map { #""k\#($0)":1,"k\#($0)":2"# }.joined(separator: ",")
        guard case .checked(let duplicates, let total) = JSONDuplicateKeys.scan(Array("{\(members)}".utf8)) else {
            Issue.record("expected the document to be checked")
            return
        }
        #expect(total == 100)
        #expect(duplicates.count == JSONDuplicateKeys.maxReported)
        #expect(duplicates.first?.pointer == "/k0")
    }

    @Test func neverTrapsOnDamagedDocuments() {
        // A manifest-like document, cut short at every length and with every byte overwritten by each kind of
        // troublesome byte; any outcome will do as long as there is one: a trap would take the whole scan down.
        let document = Array(#"""
            {"config":{"digest":"sha256:ab","size":2},"layers":[{"annotations":{"k\u00e9\ud83d\ude00":"v\\\"",\#
            "a":[1.5e3,-2,true,false,null]},"urls":["x"]}],"schemaVersion":2}
            """#.utf8)
        let replacements = Array(#"{}[]",:\u0 e-1"#.utf8) + [0x00, 0x1f, 0x7f, 0x80, 0xc3, 0xed, 0xf4, 0xff]
        for length in 0...document.count {
            _ = JSONDuplicateKeys.scan(Array(document.prefix(length)))
        }
        for position in document.indices {
            for replacement in replacements {
                var damaged = document
                damaged[position] = replacement
                _ = JSONDuplicateKeys.scan(damaged)
            }
        }
        #expect(JSONDuplicateKeys.scan(document) == .checked(duplicates: [], total: 0))
    }

    @Test func scansALargeDocumentOfRepeatsInOnePass() {
        // 100k repeated keys at the deepest allowed level: only `maxReported` pointers are built, so this stays
        // linear instead of building 100k pointers of 127 segments each.
        let prefix = String(repeating: #"{"a":"#, count: JSONDuplicateKeys.maxDepth - 1)
        let body = (0..<100_000).map { #""k\#($0)":1,"k\#($0)":2"# }.joined(separator: ",")
        let document = prefix + "{" + body + "}" + String(repeating: "}", count: JSONDuplicateKeys.maxDepth - 1)
        let clock = ContinuousClock()
        var outcome: JSONDuplicateKeys.Outcome?
        let elapsed = clock.measure { outcome = JSONDuplicateKeys.scan(Array(document.utf8)) }
        guard case .checked(let duplicates, let total)? = outcome else {
            Issue.record("expected the document to be checked, got \(String(describing: outcome))")
            return
        }
        #expect(total == 100_000 && duplicates.count == JSONDuplicateKeys.maxReported)
        #expect(elapsed < .seconds(30))
    }
}

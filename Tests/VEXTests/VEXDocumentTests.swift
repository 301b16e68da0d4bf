import Foundation
import Testing
import VEX

/// Parsing OpenVEX documents: the specification's examples, the v0.0.1 form, and documents that break the rules.
@Suite struct VEXDocumentTests {
    static func parse(_ text: String, source: String = "test.vex.json") throws(VEXError) -> VEXDocument {
        try VEXDocument.parse(Array(text.utf8), source: source)
    }

    /// The specification's minimal document (v0.2.0 text).
    static let minimal = """
        {
          "@context": "https://openvex.dev/ns/v0.2.0",
          "@id": "https://openvex.dev/docs/example/vex-9fb3463de1b57",
          "author": "Wolfi J Inkinson",
          "role": "Document Creator",
          "timestamp": "2023-01-08T18:02:03.647787998-06:00",
          "version": 1,
          "statements": [
            {
              "vulnerability": {"name": "CVE-2023-12345"},
              "products": [
                {"@id": "pkg:apk/wolfi/git@2.39.0-r1?arch=armv7"},
                {"@id": "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64"}
              ],
              "status": "fixed"
            }
          ]
        }
        """

    @Test func theSpecificationsMinimalDocumentParses() throws {
        let document = try Self.parse(Self.minimal)
        #expect(document.id == "https://openvex.dev/docs/example/vex-9fb3463de1b57")
        #expect(document.author == "Wolfi J Inkinson")
        let statement = try #require(document.statements.first)
        #expect(statement.vulnerability == "CVE-2023-12345")
        #expect(statement.status == .fixed)
        #expect(statement.products.map(\.component.id) == ["pkg:apk/wolfi/git@2.39.0-r1?arch=armv7",
                                                           "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64"])
        #expect(statement.source == "test.vex.json")
        // The statement has no timestamp of its own: the document's cascades, nanoseconds and offset kept.
        let expected = Date(timeIntervalSince1970: 1_673_222_523.647787998)
        #expect(abs(try #require(statement.timestamp).timeIntervalSince(expected)) < 0.000_01)
        #expect(statement.suppressesFinding)
    }

    /// The specification's product and vulnerability examples, in one statement.
    @Test func productsWithIdentifiersAndSubcomponentsAndVulnerabilityAliasesParse() throws {
        let document = try Self.parse("""
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x", "author": "a",
             "timestamp": "2023-01-09T08:00:00Z", "version": 1, "statements": [{
              "vulnerability": {"@id": "https://nvd.nist.gov/vuln/detail/CVE-2019-17571", "name": "CVE-2019-17571",
                                "description": "deserialisation", "aliases": ["GHSA-2qrg-x229-3v8q", "DSA-4686-1"]},
              "timestamp": "2023-01-10T08:00:00+01:00",
              "products": [{"@id": "pkg:apk/wolfi/product@1.23.0-r1?arch=armv7",
                            "identifiers": {"purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.4",
                                            "cpe23": "cpe:2.3:a:apache:log4j:2.4:-:*:*:*:*:*:*"},
                            "hashes": {"sha-256": "402fa523b96591d4450ace90e32d9f779fcfd938903e1c5bf9d3701860b8f856"},
                            "subcomponents": [{"@id": "pkg:maven/log4j/log4j@1.2.17"}]}],
              "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
              "impact_statement": "SocketServer is never started"}]}
            """)
        let statement = try #require(document.statements.first)
        #expect(statement.aliases == ["GHSA-2qrg-x229-3v8q", "DSA-4686-1"])
        #expect(statement.justification == .vulnerableCodeNotInExecutePath)
        #expect(statement.impactStatement == "SocketServer is never started")
        #expect(statement.products.first?.component.identifiers["cpe23"] == "cpe:2.3:a:apache:log4j:2.4:-:*:*:*:*:*:*")
        #expect(statement.subcomponents == [VEXComponent(id: "pkg:maven/log4j/log4j@1.2.17")])
        #expect(statement.timestamp == Date(timeIntervalSince1970: 1_673_334_000))
    }

    /// go-vex's v0.0.1 test document: the vulnerability and products as strings.
    @Test func theV001FormParses() throws {
        let document = try Self.parse("""
            {"@context": "https://openvex.dev/ns/v0.0.1", "@id": "https://openvex.dev/docs/example/vex-9fb3463de1b57",
             "author": "Wolfi J Inkinson", "role": "Document Creator",
             "timestamp": "2023-01-08T18:02:03.647787998-06:00", "version": "1",
             "statements": [{"vulnerability": "CVE-2023-12345",
                             "products": ["pkg:apk/wolfi/git@2.39.0-r1?arch=armv7"],
                             "subcomponents": ["pkg:apk/wolfi/openssl@3.0.7-r1"],
                             "status": "not_affected", "justification": "component_not_present"}]}
            """)
        let statement = try #require(document.statements.first)
        #expect(statement.vulnerability == "CVE-2023-12345")
        #expect(statement.products == [VEXProduct(VEXComponent(id: "pkg:apk/wolfi/git@2.39.0-r1?arch=armv7"),
                                                  subcomponents: [VEXComponent(id: "pkg:apk/wolfi/openssl@3.0.7-r1")])])
    }

    @Test func anAffectedStatementWithAnActionStatementParses() throws {
        let document = try Self.parse("""
            {"@context": "https://openvex.dev/ns", "statements": [{"vulnerability": {"name": "CVE-1"},
             "products": [{"@id": "pkg:npm/a@1"}], "status": "affected", "action_statement": "Upgrade to 2"}]}
            """)
        #expect(document.statements.first?.actionStatement == "Upgrade to 2")
        #expect(document.statements.first?.suppressesFinding == false)
    }

    static let source = "test.vex.json"

    static func statement(_ body: String) -> String {
        #"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-0"}, "#
            + #""products": [{"@id": "pkg:npm/ok@1"}], "status": "fixed"}, {\#(body)}]}"#
    }

    static let malformed: [(comment: String, document: String, error: VEXError)] = [
        ("not JSON", "<vex/>", .notJSON(source: source, reason: "")),
        ("JSON but not an object", "\"vex\"", .invalidValue(source: source, path: "$", expected: "an object")),
        ("no @context", #"{"statements": []}"#, .notOpenVEX(source: source, context: nil)),
        ("another format's context", #"{"@context": "https://cyclonedx.org"}"#,
         .notOpenVEX(source: source, context: "https://cyclonedx.org")),
        ("not_affected without justification or impact statement",
         statement(#""vulnerability": {"name": "CVE-1"}, "products": [{"@id": "pkg:npm/a@1"}], "#
             + #""status": "not_affected""#),
         .missingJustification(source: source, statement: 1)),
        ("an unknown status",
         statement(#""vulnerability": {"name": "CVE-1"}, "products": [{"@id": "pkg:npm/a@1"}], "status": "patched""#),
         .unknownStatus(source: source, statement: 1, status: "patched")),
        ("an unknown justification",
         statement(#""vulnerability": {"name": "CVE-1"}, "status": "not_affected", "justification": "trust_me""#),
         .unknownJustification(source: source, statement: 1, justification: "trust_me")),
        ("affected without an action statement",
         statement(#""vulnerability": {"name": "CVE-1"}, "status": "affected""#),
         .missingActionStatement(source: source, statement: 1)),
        ("no status", statement(#""vulnerability": {"name": "CVE-1"}"#),
         .missingField(source: source, path: "$.statements[1].status")),
        ("no vulnerability", statement(#""status": "fixed""#),
         .missingField(source: source, path: "$.statements[1].vulnerability")),
        ("a vulnerability without a name", statement(#""vulnerability": {"@id": "x"}, "status": "fixed""#),
         .missingField(source: source, path: "$.statements[1].vulnerability.name")),
        ("a status of the wrong type", statement(#""vulnerability": {"name": "CVE-1"}, "status": 3"#),
         .invalidValue(source: source, path: "$.statements[1].status", expected: "a string")),
        ("products as an object", statement(#""vulnerability": "CVE-1", "status": "fixed", "products": {}"#),
         .invalidValue(source: source, path: "$.statements[1].products", expected: "an array")),
        ("a product with no identifier", statement(#""vulnerability": "CVE-1", "status": "fixed", "products": [{}]"#),
         .invalidValue(source: source, path: "$.statements[1].products[0]",
                       expected: "a component with an @id or identifiers")),
        ("identifiers of the wrong type",
         statement(#""vulnerability": "CVE-1", "status": "fixed", "products": [{"identifiers": {"purl": 1}}]"#),
         .invalidValue(source: source, path: "$.statements[1].products[0].identifiers.purl", expected: "a string")),
        ("a timestamp that is not RFC 3339",
         statement(#""vulnerability": "CVE-1", "status": "fixed", "timestamp": "yesterday""#),
         .invalidValue(source: source, path: "$.statements[1].timestamp", expected: "an RFC 3339 timestamp")),
        ("a timestamp on a day that does not exist",
         statement(#""vulnerability": "CVE-1", "status": "fixed", "timestamp": "2023-02-30T00:00:00Z""#),
         .invalidValue(source: source, path: "$.statements[1].timestamp", expected: "an RFC 3339 timestamp")),
        ("statements as a string", #"{"@context": "https://openvex.dev/ns", "statements": "all fixed"}"#,
         .invalidValue(source: source, path: "$.statements", expected: "an array")),
    ]

    @Test(arguments: malformed.indices)
    func malformedDocumentsAreRefusedNamingWhere(index: Int) {
        let (comment, document, expected) = Self.malformed[index]
        do {
            _ = try Self.parse(document)
            Issue.record("\(comment): parsed")
        } catch {
            if case .notJSON = expected {
                guard case .notJSON(let source, _) = error else { Issue.record("\(comment): \(error)"); return }
                #expect(source == Self.source)
            } else {
                #expect(error == expected, "\(comment)")
            }
            #expect(error.description.hasPrefix(Self.source + ": "))
        }
    }

    @Test func theMissingJustificationErrorNamesTheStatement() {
        let error = VEXError.missingJustification(source: "a.json", statement: 3)
        #expect(error.description
            == "a.json: $.statements[3] says not_affected without a justification or impact_statement")
    }

    /// Foundation's parser recurses per level: 100,000 `[` would overflow the stack if it saw them.
    @Test func deepNestingIsRefusedBeforeParsing() {
        #expect(throws: VEXError.tooDeep(source: Self.source, limit: VEXDocument.maxDepth)) {
            try Self.parse(String(repeating: "[", count: 100_000))
        }
    }

    @Test func aTenMegabyteImpactStatementIsRefused() {
        let text = String(repeating: "x", count: 10_000_000)
        #expect(throws: VEXError.fieldTooLong(source: Self.source, path: "$.statements[1].impact_statement",
                                              length: 10_000_000, limit: VEXDocument.maxFieldLength)) {
            try Self.parse(Self.statement(
                #""vulnerability": "CVE-1", "status": "not_affected", "impact_statement": "\#(text)""#))
        }
    }

    /// The array is counted before any statement is read, so its elements can be cheap numbers.
    @Test func moreThanAMillionStatementsAreRefused() {
        let statements = "[" + Array(repeating: "0", count: VEXDocument.maxElements + 1).joined(separator: ",") + "]"
        #expect(throws: VEXError.tooManyElements(source: Self.source, path: "$.statements",
                                                 limit: VEXDocument.maxElements)) {
            try Self.parse(#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": \#(statements)}"#)
        }
    }

    @Test func documentsLargerThanTheLimitAreRefusedUnread() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: VEXDocument.maxDocumentSize + 1)
        #expect(throws: VEXError.tooLarge(source: Self.source, size: VEXDocument.maxDocumentSize + 1,
                                          limit: VEXDocument.maxDocumentSize)) {
            try VEXDocument.parse(bytes, source: Self.source)
        }
    }
}

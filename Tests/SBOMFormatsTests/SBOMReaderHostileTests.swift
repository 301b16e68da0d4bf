import SBOM
@testable import SBOMFormats
import Testing

/// Documents built to break a reader: each must be refused with an error naming the file and where, in bounded time
/// and memory, and never crash.
@Suite struct SBOMReaderHostileTests {
    static let source = "hostile.json"

    static func cycloneDX(components: String) -> String {
        #"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": \#(components)}"#
    }

    static func read(_ text: String) throws(SBOMReadError) -> SoftwareBillOfMaterials {
        try SBOMReader.read(Array(text.utf8), source: source)
    }

    static let cases: [(comment: String, document: String, error: SBOMReadError)] = [
        ("not JSON at all", "hello", .notJSON(source: source, reason: "")),
        ("JSON, but not an object", "[1, 2]", .invalidValue(source: source, path: "$", expected: "an object")),
        ("an object of neither format", #"{"name": "x"}"#, .unknownFormat(source: source)),
        ("a CycloneDX version before JSON existed for it", #"{"bomFormat": "CycloneDX", "specVersion": "1.1"}"#,
         .unsupportedVersion(source: source, format: "CycloneDX", version: "1.1")),
        ("a format field of the wrong type", #"{"bomFormat": 6, "specVersion": "1.6"}"#,
         .invalidValue(source: source, path: "$.bomFormat", expected: "a string")),
        ("a version of the wrong type", #"{"bomFormat": "CycloneDX", "specVersion": 1.6}"#,
         .invalidValue(source: source, path: "$.specVersion", expected: "a string")),
        ("components as an object", cycloneDX(components: "{}"),
         .invalidValue(source: source, path: "$.components", expected: "an array")),
        ("a component that is a number", cycloneDX(components: "[7]"),
         .invalidValue(source: source, path: "$.components[0]", expected: "an object")),
        ("a name that is a number", cycloneDX(components: #"[{"type": "library", "name": 5}]"#),
         .invalidValue(source: source, path: "$.components[0].name", expected: "a string")),
        ("properties as a string",
         cycloneDX(components: #"[{"type": "library", "name": "a", "properties": "x"}]"#),
         .invalidValue(source: source, path: "$.components[0].properties", expected: "an array")),
        ("a component without a type", cycloneDX(components: #"[{"name": "a"}]"#),
         .missingField(source: source, path: "$.components[0].type")),
        ("an SPDX version Safeguard does not read", #"{"spdxVersion": "SPDX-1.2"}"#,
         .unsupportedVersion(source: source, format: "SPDX", version: "SPDX-1.2")),
        ("an SPDX package without a name", #"{"spdxVersion": "SPDX-2.3", "packages": [{"SPDXID": "SPDXRef-a"}]}"#,
         .missingField(source: source, path: "$.packages[0].name")),
        ("SPDX external references of the wrong type",
         #"{"spdxVersion": "SPDX-2.3", "packages": [{"name": "a", "externalRefs": [{"referenceType": []}]}]}"#,
         .invalidValue(source: source, path: "$.packages[0].externalRefs[0].referenceType", expected: "a string")),
    ]

    @Test(arguments: cases.indices)
    func malformedDocumentsAreRefusedNamingTheFileAndPath(index: Int) {
        let (comment, document, expected) = Self.cases[index]
        #expect(throws: SBOMReadError.self, "\(comment)") { try Self.read(document) }
        do {
            _ = try Self.read(document)
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

    /// A 10 MB name: copied into every finding and report line if it were accepted.
    @Test func aTenMegabyteNameIsRefused() {
        let name = String(repeating: "a", count: 10_000_000)
        let document = Self.cycloneDX(components: #"[{"type": "library", "name": "\#(name)"}]"#)
        #expect(throws: SBOMReadError.fieldTooLong(source: Self.source, path: "$.components[0].name",
                                                   length: 10_000_000, limit: SBOMReader.maxFieldLength)) {
            try Self.read(document)
        }
    }

    /// A 10 MB description is not read, so it is no reason to refuse the document.
    @Test func aTenMegabyteFieldThatIsNotReadIsIgnored() throws {
        let text = String(repeating: "b", count: 10_000_000)
        let document = Self.cycloneDX(components: #"""
            [{"type": "library", "name": "a", "description": "\#(text)", "purl": "pkg:npm/a@1"}]
            """#)
        #expect(try Self.read(document).packages.count == 1)
    }

    /// Foundation's parser recurses per level: 100,000 `[` would overflow the stack if it saw them.
    @Test(arguments: ["[", "{\"a\":"])
    func deepNestingIsRefusedBeforeParsing(opener: String) {
        let document = String(repeating: opener, count: 100_000)
        #expect(throws: SBOMReadError.tooDeep(source: Self.source, limit: SBOMReader.maxDepth)) {
            try Self.read(document)
        }
    }

    /// Brackets inside strings are not nesting: a real document with such a name still reads.
    @Test func bracketsInStringsAreNotNesting() throws {
        let name = String(repeating: "[", count: 1000)
        let document = Self.cycloneDX(components: #"[{"type": "library", "name": "\#(name)", "purl": "pkg:npm/a@1"}]"#)
        #expect(try Self.read(document).packages.count == 1)
    }

    /// The array is counted before any element is looked at, so its elements can be cheap numbers.
    @Test func moreThanAMillionComponentsAreRefused() {
        let components = "[" + Array(repeating: "0", count: SBOMReader.maxPackages + 1).joined(separator: ",") + "]"
        #expect(throws: SBOMReadError.tooManyPackages(source: Self.source, path: "$.components",
                                                      limit: SBOMReader.maxPackages)) {
            try Self.read(Self.cycloneDX(components: components))
        }
    }

    /// Nesting multiplies: with a limit of 10, three components each holding three are more than the limit though
    /// no array is. (The limit is lowered so the test does not have to build a million components.)
    @Test func nestedComponentsCountTowardsTheLimit() throws {
        let inner = "[" + Array(repeating: #"{"type":"file","name":"f"}"#, count: 3).joined(separator: ",") + "]"
        let outer = "[" + Array(repeating: #"{"type":"application","name":"a","components":\#(inner)}"#, count: 3)
            .joined(separator: ",") + "]"
        let root = try JSONNode.parse(Array(Self.cycloneDX(components: outer).utf8), source: Self.source, maxDepth: 8)
        #expect(throws: SBOMReadError.tooManyPackages(source: Self.source, path: "$.components[2].components",
                                                      limit: 10)) {
            try CycloneDXReader.allComponents(root, limit: 10)
        }
        #expect(try CycloneDXReader.allComponents(root, limit: 12).count == 12)
    }

    @Test func documentsLargerThanTheLimitAreRefusedUnread() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: SBOMReader.maxDocumentSize + 1)
        #expect(throws: SBOMReadError.tooLarge(source: Self.source, size: SBOMReader.maxDocumentSize + 1,
                                               limit: SBOMReader.maxDocumentSize)) {
            try SBOMReader.read(bytes, source: Self.source)
        }
    }

    /// A million components the reader cannot place give a thousand warnings and one that counts the rest.
    @Test func warningsAreBounded() throws {
        let components = "[" + Array(repeating: #"{"type":"library","name":"x"}"#, count: 5000)
            .joined(separator: ",") + "]"
        let read = try Self.read(Self.cycloneDX(components: components))
        #expect(read.warnings.count == SBOMReader.maxWarnings + 1)
        #expect(read.warnings.last?.message == "4000 more components were skipped likewise")
    }
}

import Foundation

/// An OpenVEX document: statements that a vulnerability does or does not affect some products.
public struct VEXDocument: Sendable {
    /// The largest document read. Real VEX documents are kilobytes; a project's whole history is a few megabytes.
    public static let maxDocumentSize = 64 * 1024 * 1024
    /// How deeply arrays and objects may nest: OpenVEX nests five levels (statement, product, subcomponent,
    /// identifiers); the bound keeps Foundation's recursive parser off the end of the stack.
    public static let maxDepth = 32
    /// The longest string read: impact statements are paragraphs, identifiers far shorter.
    public static let maxFieldLength = 64 * 1024
    /// The most statements, products or aliases in one array: past any real document, and a bound on the work.
    public static let maxElements = 1_000_000

    /// The file, for errors and the report.
    public let source: String
    /// `@id`, the document's IRI.
    public let id: String?
    /// Who issued the document.
    public let author: String?
    /// When the document was issued.
    public let timestamp: Date?
    /// The statements, in document order, each with the document's timestamp when it has none of its own.
    public let statements: [VEXStatement]

    /// Creates a document from statements already read.
    public init(source: String, id: String? = nil, author: String? = nil, timestamp: Date? = nil,
                statements: [VEXStatement]) {
        self.source = source
        self.id = id
        self.author = author
        self.timestamp = timestamp
        self.statements = statements
    }

    /// Parses an OpenVEX JSON document, v0.2.0 or the v0.0.1 form go-vex still reads (the vulnerability, products
    /// and subcomponents as plain strings).
    /// - Parameters:
    ///   - bytes: The document.
    ///   - source: Names the file in errors and in the statements.
    /// - Throws: `VEXError` naming `source` and the JSON path or statement at fault.
    public static func parse(_ bytes: [UInt8], source: String) throws(VEXError) -> VEXDocument {
        guard bytes.count <= maxDocumentSize else {
            throw .tooLarge(source: source, size: bytes.count, limit: maxDocumentSize)
        }
        let root = try JSONNode.parse(bytes, source: source, maxDepth: maxDepth)
        guard root.value is [String: Any] else { throw root.wrongType("an object") }
        try checkContext(root)

        let timestamp = try Self.timestamp(root)
        var statements: [VEXStatement] = []
        for (index, node) in try root.elements("statements").enumerated() {
            var statement = try VEXStatementParser(node: node, index: index).statement()
            statement.timestamp = statement.timestamp ?? timestamp
            statements.append(statement)
        }
        return VEXDocument(source: source, id: try root.string("@id"), author: try root.string("author"),
                           timestamp: timestamp, statements: statements)
    }

    /// OpenVEX names its versions in `@context`: `https://openvex.dev/ns` before versions were named, then
    /// `https://openvex.dev/ns/v0.0.1`, `…/v0.2.0`; JSON-LD also allows a list of contexts.
    static func checkContext(_ root: JSONNode) throws(VEXError) {
        let node = try root.member("@context")
        var contexts: [String] = []
        if let node, node.value is [Any] {
            for element in try root.elements("@context") { contexts.append(try element.string()) }
        } else if let node {
            contexts = [try node.string()]
        }
        let openVEX = contexts.contains { context in
            context == "https://openvex.dev/ns" || context.hasPrefix("https://openvex.dev/ns/v")
        }
        guard openVEX else { throw .notOpenVEX(source: root.source, context: contexts.first) }
    }

    /// The `timestamp` member of `node`, if any.
    static func timestamp(_ node: JSONNode) throws(VEXError) -> Date? {
        guard let member = try node.member("timestamp") else { return nil }
        guard let date = RFC3339.date(try member.string()) else { throw member.wrongType("an RFC 3339 timestamp") }
        return date
    }
}

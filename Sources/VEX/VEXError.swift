/// Why an OpenVEX document could not be read; every case names the file, and the JSON path or statement where one
/// applies.
public enum VEXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is larger than `VEXDocument.maxDocumentSize`.
    case tooLarge(source: String, size: Int, limit: Int)
    /// The bytes are not JSON.
    case notJSON(source: String, reason: String)
    /// Arrays and objects nest deeper than `VEXDocument.maxDepth`.
    case tooDeep(source: String, limit: Int)
    /// `@context` is missing or names no OpenVEX version Safeguard reads.
    case notOpenVEX(source: String, context: String?)
    /// A field the specification requires is missing.
    case missingField(source: String, path: String)
    /// A field holds a value of the wrong JSON type or form.
    case invalidValue(source: String, path: String, expected: String)
    /// A string longer than `VEXDocument.maxFieldLength`.
    case fieldTooLong(source: String, path: String, length: Int, limit: Int)
    /// An array longer than `VEXDocument.maxElements`.
    case tooManyElements(source: String, path: String, limit: Int)
    /// A status that is not one of OpenVEX's four.
    case unknownStatus(source: String, statement: Int, status: String)
    /// A justification that is not one of OpenVEX's five.
    case unknownJustification(source: String, statement: Int, justification: String)
    /// A `not_affected` statement with neither a justification nor an impact statement.
    case missingJustification(source: String, statement: Int)
    /// An `affected` statement without an action statement.
    case missingActionStatement(source: String, statement: Int)

    public var description: String {
        switch self {
        case .tooLarge(let source, let size, let limit):
            "\(source): the VEX document is \(size) bytes, more than the \(limit) bytes Safeguard reads"
        case .notJSON(let source, let reason):
            "\(source): not a JSON document: \(reason)"
        case .tooDeep(let source, let limit):
            "\(source): JSON nested deeper than \(limit) levels"
        case .notOpenVEX(let source, let context):
            "\(source): not an OpenVEX document: "
                + (context.map { "@context \"\($0)\" is not an OpenVEX version Safeguard reads" } ?? "no @context")
        case .missingField(let source, let path):
            "\(source): \(path) is missing"
        case .invalidValue(let source, let path, let expected):
            "\(source): \(path) should be \(expected)"
        case .fieldTooLong(let source, let path, let length, let limit):
            "\(source): \(path) is \(length) bytes long, more than \(limit)"
        case .tooManyElements(let source, let path, let limit):
            "\(source): \(path) has more than \(limit) elements"
        case .unknownStatus(let source, let statement, let status):
            "\(source): $.statements[\(statement)]: status \"\(status)\" is not one of "
                + VEXStatus.allCases.map(\.rawValue).joined(separator: ", ")
        case .unknownJustification(let source, let statement, let justification):
            "\(source): $.statements[\(statement)]: justification \"\(justification)\" is not one of "
                + VEXJustification.allCases.map(\.rawValue).joined(separator: ", ")
        case .missingJustification(let source, let statement):
            "\(source): $.statements[\(statement)] says not_affected without a justification or impact_statement"
        case .missingActionStatement(let source, let statement):
            "\(source): $.statements[\(statement)] says affected without an action_statement"
        }
    }
}

/// What was wrong with a catalog file, naming the file and the line, column or field.
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read or written.
    case unreadable(file: String, reason: String)
    /// The file is larger than `CatalogLimits.maxFileBytes`.
    case tooLarge(file: String, limit: Int)
    /// libyaml refused the text.
    case syntax(file: String, mark: CatalogMark, problem: String)
    /// Foundation refused the JSON.
    case notJSON(file: String, reason: String)
    /// The document nests deeper than `CatalogLimits.maxDepth`.
    case tooDeep(file: String, mark: CatalogMark, limit: Int)
    /// The document, with its aliases expanded, has more than `CatalogLimits.maxNodes` nodes.
    case tooManyNodes(file: String, mark: CatalogMark, limit: Int)
    /// An alias names an anchor that was not defined before it.
    case undefinedAlias(file: String, mark: CatalogMark, anchor: String)
    /// More than one YAML document in the file.
    case multipleDocuments(file: String, mark: CatalogMark)
    /// A mapping key that is not a scalar, or that appears twice.
    case badKey(file: String, field: String, mark: CatalogMark, reason: String)
    /// A required field is absent.
    case missingField(file: String, field: String, mark: CatalogMark)
    /// A field holds the wrong kind of value, or a value that does not parse.
    case invalidValue(file: String, field: String, mark: CatalogMark, expected: String)
    /// A field the catalog does not define: refused rather than ignored, so a misspelt `digests` is not silently
    /// an entry with nothing approved.
    case unknownField(file: String, field: String, mark: CatalogMark)
    /// `catalog add` was asked to record something that contradicts the catalog.
    case conflict(file: String, repository: String, reason: String)

    /// What went wrong, naming the file and where in it.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "catalog \(file): \(reason)"
        case .tooLarge(let file, let limit): "catalog \(file): larger than \(limit >> 20) MiB"
        case .syntax(let file, let mark, let problem): "catalog \(file)\(mark): not valid YAML: \(problem)"
        case .notJSON(let file, let reason): "catalog \(file): not valid JSON: \(reason)"
        case .tooDeep(let file, let mark, let limit): "catalog \(file)\(mark): nested deeper than \(limit) levels"
        case .tooManyNodes(let file, let mark, let limit):
            "catalog \(file)\(mark): more than \(limit) values once aliases are expanded"
        case .undefinedAlias(let file, let mark, let anchor): "catalog \(file)\(mark): alias *\(anchor) is undefined"
        case .multipleDocuments(let file, let mark): "catalog \(file)\(mark): more than one YAML document"
        case .badKey(let file, let field, let mark, let reason): "catalog \(file)\(mark): \(field): \(reason)"
        case .missingField(let file, let field, let mark): "catalog \(file)\(mark): \(field) is missing"
        case .invalidValue(let file, let field, let mark, let expected):
            "catalog \(file)\(mark): \(field) must be \(expected)"
        case .unknownField(let file, let field, let mark): "catalog \(file)\(mark): unknown field \(field)"
        case .conflict(let file, let repository, let reason): "catalog \(file): \(repository): \(reason)"
        }
    }
}

/// A parsed catalog document: scalars, sequences and mappings, each with where it was in the file, so that every
/// error can name the line and column (YAML) or the path (JSON) of what was wrong.
///
/// YAML and JSON both parse into this tree; the catalog reader then works on it without knowing the format.
public indirect enum CatalogNode: Sendable, Hashable {
    /// A string, number or boolean, as written.
    case scalar(String, at: CatalogMark)
    /// A list.
    case sequence([CatalogNode], at: CatalogMark)
    /// A mapping, keys in document order.
    case mapping([CatalogMember], at: CatalogMark)

    /// Where the node starts.
    public var mark: CatalogMark {
        switch self {
        case .scalar(_, let mark), .sequence(_, let mark), .mapping(_, let mark): mark
        }
    }

    /// How many levels the subtree nests, a scalar being one.
    var height: Int {
        switch self {
        case .scalar: 1
        case .sequence(let items, _): 1 + (items.map(\.height).max() ?? 0)
        case .mapping(let members, _): 1 + (members.map(\.value.height).max() ?? 0)
        }
    }

    /// How many nodes the subtree holds, itself included; what an alias to it costs when expanded. Walking it costs
    /// what it adds to the count, so the walks of all aliases together stay within `CatalogLimits.maxNodes`.
    var size: Int {
        switch self {
        case .scalar: 1
        case .sequence(let items, _): items.reduce(1) { $0 + $1.size }
        case .mapping(let members, _): members.reduce(1) { $0 + $1.value.size + 1 }
        }
    }
}

/// One key and value of a mapping.
public struct CatalogMember: Sendable, Hashable {
    /// The key, always a scalar.
    public var key: String
    /// The value.
    public var value: CatalogNode

    /// Creates a member.
    public init(key: String, value: CatalogNode) {
        self.key = key
        self.value = value
    }
}

/// A position in a catalog file: line and column from 1 for YAML; nil for JSON, whose errors give the field's path.
public struct CatalogMark: Sendable, Hashable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int?
    /// The column, from 1.
    public var column: Int?

    /// Creates a mark.
    public init(line: Int? = nil, column: Int? = nil) {
        self.line = line
        self.column = column
    }

    /// ` (line 3, column 7)`, or empty when the position is unknown.
    public var description: String {
        guard let line, let column else { return "" }
        return " (line \(line), column \(column))"
    }
}

/// Bounds on a catalog document, so that a hostile file costs little to refuse.
public enum CatalogLimits {
    /// A catalog of a few hundred bases, each with dozens of approved digests of a few dozen layers, is well under
    /// a mebibyte; eight leave room without letting a file fill memory.
    public static let maxFileBytes = 8 << 20
    /// The catalog's schema nests five deep; sixteen allow for comments-as-data and still stop a file of a million
    /// `[` before it costs stack or heap.
    public static let maxDepth = 16
    /// Nodes in the parsed tree, aliases counted as the subtrees they expand to: the billion-laughs defence, since
    /// ten aliases of ten aliases of … grow exponentially while the file stays tiny.
    public static let maxNodes = 200_000
    /// Owners, notes and names longer than this are not what a person wrote.
    public static let maxStringBytes = 4096
}

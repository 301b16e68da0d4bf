/// What an analyzer asks the layer pass to keep: the bytes of regular files whose path matches, up to a size.
///
/// Requests are made before the pass starts, so the pass reads every byte once and keeps only these.
public struct FileRequest: Sendable {
    /// Who asked, for diagnostics.
    public let analyzer: String
    /// Whether a path (relative to the root, no leading `/`) is wanted.
    public let matches: @Sendable (String) -> Bool
    /// Whether an entry is wanted; by default, whether its path `matches`.
    public let selects: @Sendable (FileEntry) -> Bool
    /// Files larger than this are not kept; their absence is visible to the analyzer as a missing capture.
    public let maxSize: Int64
    /// Whether to keep a selected file once its bytes are read; by default, always.
    public let keeps: @Sendable ([UInt8]) -> Bool
    /// What to hold of a kept file: by default all of it; a request may keep only what it will read (the Go build
    /// information of a 50 MB binary), so that memory follows what analyzers need, not what files weigh.
    public let reduces: @Sendable ([UInt8]) -> [UInt8]

    /// Creates a request.
    public init(analyzer: String, maxSize: Int64, matches: @escaping @Sendable (String) -> Bool) {
        self.analyzer = analyzer
        self.maxSize = maxSize
        self.matches = matches
        self.selects = { matches($0.path) }
        self.keeps = { _ in true }
        self.reduces = { $0 }
    }

    /// A request for the entries `selects` picks, e.g. by mode, of which the pass keeps those whose bytes `keeps`
    /// accepts: a request that selects broadly then holds only the files it wants, not all it had to look at.
    public init(analyzer: String, maxSize: Int64, selecting selects: @escaping @Sendable (FileEntry) -> Bool,
                keeping keeps: @escaping @Sendable ([UInt8]) -> Bool = { _ in true },
                reducing reduces: @escaping @Sendable ([UInt8]) -> [UInt8] = { $0 }) {
        self.analyzer = analyzer
        self.maxSize = maxSize
        self.matches = { _ in false }
        self.selects = selects
        self.keeps = keeps
        self.reduces = reduces
    }

    /// A request for exact paths.
    public static func paths(_ paths: Set<String>, analyzer: String, maxSize: Int64) -> FileRequest {
        FileRequest(analyzer: analyzer, maxSize: maxSize) { paths.contains($0) }
    }
}

/// What an analyzer asks the layer pass to keep: the bytes of regular files whose path matches, up to a size.
///
/// Requests are made before the pass starts, so the pass reads every byte once and keeps only these.
public struct FileRequest: Sendable {
    /// Who asked, for diagnostics.
    public let analyzer: String
    /// Whether a path (relative to the root, no leading `/`) is wanted.
    public let matches: @Sendable (String) -> Bool
    /// Files larger than this are not kept; their absence is visible to the analyzer as a missing capture.
    public let maxSize: Int64

    /// Creates a request.
    public init(analyzer: String, maxSize: Int64, matches: @escaping @Sendable (String) -> Bool) {
        self.analyzer = analyzer
        self.maxSize = maxSize
        self.matches = matches
    }

    /// A request for exact paths.
    public static func paths(_ paths: Set<String>, analyzer: String, maxSize: Int64) -> FileRequest {
        FileRequest(analyzer: analyzer, maxSize: maxSize) { paths.contains($0) }
    }
}

/// Which regular files the layer pass digests, in every layer, whatever their size, and in which algorithms.
///
/// Hashing streams through the pass's read buffer, so it costs CPU time but no memory per file; `selects` keeps
/// that time to the files an analyzer may need, `narrowing` to the algorithms it will compare.
public struct DigestRequest: Sendable {
    /// Who asked, for diagnostics.
    public let analyzer: String
    /// Whether an entry's content is digested.
    public let selects: @Sendable (FileEntry) -> Bool
    /// For an entry that shows which algorithms the rest of its layer needs (a package manager's directory), those
    /// algorithms; nil for other entries. Until a layer shows one, its files get every algorithm; after, the union
    /// of what its marker entries named. A marker can lie (a layer can carry any directory): the analyzer must find
    /// the files that lack an algorithm it needs and have them digested again (`FileDigests.algorithms`).
    public let narrowing: @Sendable (FileEntry) -> DigestAlgorithms?

    /// Creates a request.
    public init(analyzer: String, selects: @escaping @Sendable (FileEntry) -> Bool,
                narrowing: @escaping @Sendable (FileEntry) -> DigestAlgorithms? = { _ in nil }) {
        self.analyzer = analyzer
        self.selects = selects
        self.narrowing = narrowing
    }
}

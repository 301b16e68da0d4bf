import ImageModel

/// An image index the reference resolved to, with its digest: BuildKit keeps attestations in it.
public struct SubjectIndex: Sendable {
    /// The index's digest.
    public var digest: Digest
    /// The index.
    public var index: ImageIndex

    /// Creates one.
    public init(digest: Digest, index: ImageIndex) {
        self.digest = digest
        self.index = index
    }
}

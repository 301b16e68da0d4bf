import ImageModel

/// The catalog of vetted base images an organisation keeps: per repository, the digests it approved, each with the
/// layer diff_ids that let an image built on it be recognised, an owner and notes.
///
/// ```yaml
/// images:
///   - repository: docker.io/library/debian
///     owner: platform-team
///     notes: bookworm, minimal
///     digests:
///       - digest: sha256:…
///         diff_ids: [sha256:…, sha256:…]
/// ```
public struct BaseCatalog: Sendable, Hashable {
    /// The file it was read from, for messages.
    public var file: String
    /// The entries, in the file's order.
    public var entries: [Entry]
    /// Whether it was read from, and is written back as, JSON.
    public var isJSON: Bool

    /// One vetted repository.
    public struct Entry: Sendable, Hashable {
        /// The repository as written, e.g. `debian` or `registry.example/base/debian`.
        public var repository: String
        /// The repository normalised as docker does (`docker.io/library/debian`), for comparisons.
        public var name: String
        /// The team answerable for it.
        public var owner: String?
        /// Free text.
        public var notes: String?
        /// The approved manifest digests, in the file's order.
        public var digests: [ApprovedDigest]

        /// Creates an entry, normalising `repository`.
        /// - Throws: `ModelError.invalidReference` when `repository` is not a repository name.
        public init(repository: String, owner: String?, notes: String?, digests: [ApprovedDigest]) throws {
            let reference = try Reference(parsing: repository)
            self.repository = repository
            self.name = reference.name
            self.owner = owner
            self.notes = notes
            self.digests = digests
        }
    }

    /// A manifest digest the catalog approves and the layers it is made of.
    public struct ApprovedDigest: Sendable, Hashable {
        /// The manifest digest.
        public var digest: Digest
        /// The layers' diff_ids (uncompressed digests), base first, as the image's config lists them.
        public var diffIDs: [Digest]

        /// Creates an approved digest.
        public init(digest: Digest, diffIDs: [Digest]) {
            self.digest = digest
            self.diffIDs = diffIDs
        }
    }

    /// Creates a catalog.
    public init(file: String, entries: [Entry] = [], isJSON: Bool = false) {
        self.file = file
        self.entries = entries
        self.isJSON = isJSON
    }

    /// Every repository the catalog vets, normalised (`docker.io/library/debian`), in the file's order: for other
    /// detectors, which treat these names as known rather than as look-alikes.
    public var repositoryNames: [String] { entries.map(\.name) }

    /// The entry for a repository, compared normalised.
    public func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// Whether `digest` is approved under any repository, or under `name` when given.
    public func approves(_ digest: Digest, in name: String? = nil) -> Bool {
        entries.contains { ($0.name == name || name == nil) && $0.digests.contains { $0.digest == digest } }
    }
}

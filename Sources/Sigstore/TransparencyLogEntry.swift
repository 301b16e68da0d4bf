/// One Rekor entry as a bundle carries it.
public struct TransparencyLogEntry: Sendable {
    /// An RFC 6962 inclusion proof with the signed checkpoint it leads to.
    public struct InclusionProof: Sendable {
        /// The leaf's index in the tree the proof is for (for sharded Rekor v1, within the shard).
        public let logIndex: Int64
        /// The root the proof leads to.
        public let rootHash: [UInt8]
        /// The tree's size.
        public let treeSize: Int64
        /// Sibling hashes from the leaf up.
        public let hashes: [[UInt8]]
        /// The signed note committing to `rootHash` and `treeSize`; required for verification, but read as
        /// optional so that a proof without one is refused for that reason, after the path itself is checked.
        public let checkpoint: String?
    }

    /// The entry's global index.
    public let logIndex: Int64
    /// SHA-256 of the log's key.
    public let logID: [UInt8]
    /// `hashedrekord`, `dsse` or `intoto`.
    public let kind: String
    /// The kind's schema version: `0.0.1`, `0.0.2`.
    public let kindVersion: String
    /// When a Rekor v1 log integrated the entry (seconds); nil or 0 for Rekor v2, which does not say.
    public let integratedTime: Int64?
    /// Rekor v1's signed entry timestamp (the inclusion promise).
    public let signedEntryTimestamp: [UInt8]?
    /// The inclusion proof, if the bundle carries one.
    public let inclusionProof: InclusionProof?
    /// The entry body exactly as the log hashed it.
    public let canonicalizedBody: [UInt8]
}

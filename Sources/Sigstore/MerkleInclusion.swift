import Crypto

/// RFC 6962 / RFC 9162 Merkle tree hashing and inclusion proofs.
public enum MerkleInclusion {
    /// The hash of a leaf: SHA-256 of 0x00 and the entry. The prefix keeps a leaf from passing as a node.
    public static func leafHash(_ entry: [UInt8]) -> [UInt8] { HashAlgorithm.sha256.hash([0] + entry) }

    /// The hash of an interior node: SHA-256 of 0x01, left and right.
    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        HashAlgorithm.sha256.hash([1] + left + right)
    }

    /// The root that `proof` leads to from the leaf at `index` in a tree of `size` leaves, or nil when the
    /// proof has the wrong number of hashes for that position (RFC 9162 section 2.1.3.2).
    public static func root(leafHash: [UInt8], index: Int64, size: Int64, proof: [[UInt8]]) -> [UInt8]? {
        guard index >= 0, index < size, proof.allSatisfy({ $0.count == 32 }) else { return nil }
        var fn = UInt64(index)
        var sn = UInt64(size - 1)
        var result = leafHash
        for sibling in proof {
            guard sn != 0 else { return nil }
            if fn & 1 == 1 || fn == sn {
                result = nodeHash(sibling, result)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                result = nodeHash(result, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? result : nil
    }
}

import Crypto
import Foundation
import Sigstore
import Testing

@Suite struct TransparencyLogPartsTests {
    /// A tree of `count` leaves "0", "1", ... and the RFC 6962 inclusion proof of leaf `index`, computed by a
    /// straightforward recursive definition to check the iterative verifier against.
    static func tree(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.count == 1 { return leaves.first! }
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        let left = tree(leaves.prefix(split)), right = tree(leaves.dropFirst(split))
        return HashAlgorithm.sha256.hash([1] + left + right)
    }

    static func proof(_ index: Int, _ leaves: ArraySlice<[UInt8]>) -> [[UInt8]] {
        if leaves.count == 1 { return [] }
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        if index < split { return proof(index, leaves.prefix(split)) + [tree(leaves.dropFirst(split))] }
        return proof(index - split, leaves.dropFirst(split)) + [tree(leaves.prefix(split))]
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13])
    func inclusionProofsLeadToTheRootForEveryLeaf(_ count: Int) {
        let leaves = (0..<count).map { MerkleInclusion.leafHash(Array("\($0)".utf8)) }
        let root = Self.tree(leaves[...])
        for index in 0..<count {
            let path = Self.proof(index, leaves[...])
            #expect(MerkleInclusion.root(leafHash: leaves[index], index: Int64(index), size: Int64(count),
                                         proof: path) == root)
        }
    }

    /// Proofs of the wrong shape: each must yield no root rather than some root.
    @Test(arguments: [
        (4, 4, 2),  // index equal to the tree size
        (0, 4, 3),  // one hash too many
        (0, 4, 1),  // one hash too few
        (-1, 4, 2),  // negative index
    ])
    func proofsOfTheWrongShapeYieldNoRoot(_ index: Int, _ size: Int, _ hashes: Int) {
        let path = [[UInt8]](repeating: [UInt8](repeating: 7, count: 32), count: hashes)
        #expect(MerkleInclusion.root(leafHash: [UInt8](repeating: 1, count: 32), index: Int64(index),
                                     size: Int64(size), proof: path) == nil)
    }

    static let root = Data([UInt8](repeating: 9, count: 32)).base64EncodedString()

    @Test func checkpointLinesAreRead() throws {
        let text = "log.example - 42\n10\n\(Self.root)\nTimestamp: 1\n\n\u{2014} log.example AAAAAAEC\n"
            + "\u{2014} witness BBBBBBEC\n"
        let checkpoint = try Checkpoint.parse(text).get()
        #expect(checkpoint.origin == "log.example - 42")
        #expect(checkpoint.treeSize == 10)
        #expect(checkpoint.signatures.map(\.name) == ["log.example", "witness"])
        #expect(checkpoint.signedText == Array("log.example - 42\n10\n\(Self.root)\nTimestamp: 1\n".utf8))
    }

    /// Checkpoints that must not parse, each with why.
    static let hostileCheckpoints: [(String, String)] = [
        ("no blank line", "o\n1\n\(root)\n\u{2014} o AAAAAAEC\n"),
        ("no signatures", "o\n1\n\(root)\n\n"),
        ("size not a number", "o\nten\n\(root)\n\n\u{2014} o AAAAAAEC\n"),
        ("size with a sign", "o\n+1\n\(root)\n\n\u{2014} o AAAAAAEC\n"),
        ("root not 32 bytes", "o\n1\nAAAA\n\n\u{2014} o AAAAAAEC\n"),
        ("hyphen instead of em dash", "o\n1\n\(root)\n\n- o AAAAAAEC\n"),
        ("signature shorter than a key hint", "o\n1\n\(root)\n\n\u{2014} o AAAA\n"),
        ("empty origin", "\n1\n\(root)\n\n\u{2014} o AAAAAAEC\n"),
    ]

    @Test(arguments: hostileCheckpoints.map(\.0))
    func malformedCheckpointsAreRefused(_ name: String) {
        let text = Self.hostileCheckpoints.first { $0.0 == name }!.1
        #expect(throws: CheckpointFailure.self) { try Checkpoint.parse(text).get() }
    }
}

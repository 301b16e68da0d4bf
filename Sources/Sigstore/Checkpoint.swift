import Crypto
import Foundation

/// A transparency log checkpoint in the C2SP signed-note format: origin, tree size, base64 root hash, optional
/// extension lines, a blank line, then signature lines `— <name> <base64(key hint ‖ signature)>`.
public struct Checkpoint: Sendable, Equatable {
    /// One signature line.
    public struct Signature: Sendable, Equatable {
        /// The signer's name (for the log, its host).
        public let name: String
        /// The first four bytes of the signer's key ID.
        public let keyHint: [UInt8]
        /// The signature over `signedText`.
        public let signature: [UInt8]
    }

    /// The log's origin line.
    public let origin: String
    /// The tree size the checkpoint commits to.
    public let treeSize: Int64
    /// The root hash it commits to.
    public let rootHash: [UInt8]
    /// The signed text: every line up to and including the one before the blank line, each ending in a newline.
    public let signedText: [UInt8]
    /// The signature lines, in order.
    public let signatures: [Signature]

    /// Most signature lines read: a log signature and a handful of witness cosignatures.
    static let maxSignatures = 100

    /// Parses a signed note. Returns nil, with the reason, when a required line is missing or malformed.
    public static func parse(_ text: String) -> Result<Checkpoint, CheckpointFailure> {
        guard let separator = text.range(of: "\n\n") else { return .failure(.init("no blank line before signatures")) }
        let body = String(text[..<separator.lowerBound]) + "\n"
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        guard lines.count >= 3 else { return .failure(.init("fewer than three lines (origin, size, root hash)")) }
        guard !lines[0].isEmpty else { return .failure(.init("empty origin line")) }
        guard let size = Int64(lines[1]), size >= 0, lines[1].allSatisfy(\.isASCII),
              lines[1] == String(size) else {
            return .failure(.init("second line '\(lines[1].prefix(40))' is not a tree size"))
        }
        guard let root = Base64.decode(lines[2]), root.count == 32 else {
            return .failure(.init("third line is not a base64 SHA-256 root hash"))
        }
        var signatures: [Signature] = []
        for line in text[separator.upperBound...].split(separator: "\n") {
            guard signatures.count < maxSignatures else { return .failure(.init("too many signature lines")) }
            guard line.hasPrefix("\u{2014} ") else {
                return .failure(.init("a signature line does not start with —"))
            }
            let parts = line.dropFirst(2).split(separator: " ")
            guard parts.count == 2, let blob = Base64.decode(String(parts[1])), blob.count > 4 else {
                return .failure(.init("malformed signature line"))
            }
            signatures.append(Signature(name: String(parts[0]), keyHint: Array(blob.prefix(4)),
                                        signature: Array(blob.dropFirst(4))))
        }
        guard !signatures.isEmpty else { return .failure(.init("no signature lines")) }
        return .success(Checkpoint(origin: lines[0], treeSize: size, rootHash: root, signedText: Array(body.utf8),
                                   signatures: signatures))
    }

    /// Whether a signature line names the log `name`, carries the hint of `logID` and verifies with `key`.
    ///
    /// Why both name and hint are matched before trying the key: cosignatures by witnesses sit beside the log's
    /// own, and only the log's signature proves the log committed to this tree.
    public func isSigned(byLog name: String, logID: [UInt8], key: PublicKey) -> Bool {
        signatures.contains { signature in
            signature.name == name && signature.keyHint == Array(logID.prefix(4))
                && key.isValidSignature(signature.signature, over: signedText)
        }
    }
}

/// Why a checkpoint could not be read.
public struct CheckpointFailure: Error, Sendable, Equatable {
    /// What was wrong, for messages.
    public let reason: String
    init(_ reason: String) { self.reason = reason }
}

import Crypto
import Foundation
import ImageModel

/// Verification of one Rekor entry: that it describes this signature, that the log promised or proved its
/// inclusion, and when it was integrated.
enum TransparencyLogVerifier {
    /// Verifies `entry`; returns the integrated time when a signed entry timestamp vouches for it.
    static func verify(_ entry: TransparencyLogEntry, bundle: SigstoreBundle, artifact: Artifact, key: PublicKey,
                       trustedRoot: TrustedRoot, now: Date) throws(SigstoreError) -> Date?
    {
        let source = bundle.source
        guard let log = trustedRoot.transparencyLog(id: entry.logID) else {
            throw .transparencyLog(source: source, reason: "entry \(entry.logIndex) is from log "
                                   + "\(hexEncoded(entry.logID)), which the trusted root does not list")
        }
        try BodyMatcher.check(RekorBody(entry, source: source), bundle: bundle, artifact: artifact, key: key)

        var integratedTime: Date?
        if let promise = entry.signedEntryTimestamp {
            guard let seconds = entry.integratedTime, seconds > 0 else {
                throw .transparencyLog(source: source, reason: "a signed entry timestamp without integrated time")
            }
            guard log.publicKey.isValidSignature(promise, over: setPayload(entry)) else {
                throw .transparencyLog(source: source, reason: "the signed entry timestamp of entry "
                                       + "\(entry.logIndex) does not verify with the key of \(log.baseURL)")
            }
            integratedTime = Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        if let proof = entry.inclusionProof {
            try verifyInclusion(proof, entry: entry, log: log, source: source)
        } else if integratedTime == nil || bundle.version >= .v0_2 {
            // Why: from bundle v0.2 on, and always for Rekor v2, the proof is what shows the log holds the entry.
            throw .transparencyLog(source: source, reason: "entry \(entry.logIndex) has no inclusion proof")
        }
        if let time = integratedTime {
            guard time <= now.addingTimeInterval(SigstoreVerifier.allowedClockSkew) else {
                throw .transparencyLog(source: source, reason: "integrated time \(RFC3339.text(time)) is in the future")
            }
            guard log.validFor.contains(time) else {
                throw .transparencyLog(source: source, reason: "integrated time \(RFC3339.text(time)) is outside "
                                       + "the trusted validity of \(log.baseURL)")
            }
        }
        return integratedTime
    }

    /// Requires each entry's log key to be trusted at every attested time (used for entries without their own
    /// integrated time).
    static func checkLogValidity(_ bundle: SigstoreBundle, at times: [Date], trustedRoot: TrustedRoot)
        throws(SigstoreError)
    {
        for entry in bundle.transparencyLogEntries where (entry.integratedTime ?? 0) == 0 {
            guard let log = trustedRoot.transparencyLog(id: entry.logID) else { continue }
            for time in times where !log.validFor.contains(time) {
                throw .transparencyLog(source: bundle.source, reason: "\(log.baseURL) is not trusted at "
                                       + RFC3339.text(time))
            }
        }
    }

    /// The bytes a Rekor v1 signed entry timestamp covers: canonical JSON (keys sorted, no spaces) of body,
    /// integratedTime, logID (hex) and logIndex.
    static func setPayload(_ entry: TransparencyLogEntry) -> [UInt8] {
        let body = Data(entry.canonicalizedBody).base64EncodedString()
        let text = "{\"body\":\"\(body)\",\"integratedTime\":\(entry.integratedTime ?? 0),"
            + "\"logID\":\"\(hexEncoded(entry.logID))\",\"logIndex\":\(entry.logIndex)}"
        return Array(text.utf8)
    }

    /// Checks the Merkle path from the entry to the proof's root, and the checkpoint that commits to that root.
    ///
    /// Why the checkpoint: a root hash alone is only the bundle's word; the log's signature over the
    /// checkpoint is what makes it the log's tree.
    static func verifyInclusion(_ proof: TransparencyLogEntry.InclusionProof, entry: TransparencyLogEntry,
                                log: TrustedRoot.LogInstance, source: String) throws(SigstoreError)
    {
        let leaf = MerkleInclusion.leafHash(entry.canonicalizedBody)
        guard let root = MerkleInclusion.root(leafHash: leaf, index: proof.logIndex, size: proof.treeSize,
                                              proof: proof.hashes) else {
            throw .transparencyLog(source: source, reason: "the inclusion proof has the wrong shape for leaf "
                                   + "\(proof.logIndex) of \(proof.treeSize)")
        }
        guard root == proof.rootHash else {
            throw .transparencyLog(source: source, reason: "the inclusion proof does not lead to its root hash")
        }
        guard let text = proof.checkpoint else {
            throw .transparencyLog(source: source, reason: "the inclusion proof has no checkpoint")
        }
        let checkpoint: Checkpoint
        switch Checkpoint.parse(text) {
        case .success(let parsed): checkpoint = parsed
        case .failure(let failure):
            throw .transparencyLog(source: source, reason: "malformed checkpoint: \(failure.reason)")
        }
        guard checkpoint.treeSize == proof.treeSize, checkpoint.rootHash == proof.rootHash else {
            throw .transparencyLog(source: source, reason: "the checkpoint is for a different tree than the proof")
        }
        guard checkpoint.origin == log.name || checkpoint.origin.hasPrefix(log.name + " ") else {
            throw .transparencyLog(source: source, reason: "checkpoint origin '\(checkpoint.origin)' is not "
                                   + "\(log.name)")
        }
        guard checkpoint.isSigned(byLog: log.name, logID: log.logID, key: log.publicKey) else {
            throw .transparencyLog(source: source, reason: "no signature on the checkpoint verifies with the key "
                                   + "of \(log.name)")
        }
    }
}

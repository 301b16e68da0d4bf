import Findings
import ImageModel
import ImageSources

extension ManifestChecks {
    /// One document whose raw bytes are scanned for repeated keys.
    private struct RawDocument {
        let name: String
        let bytes: [UInt8]
        let digest: String
        let ruleID: String
    }

    /// SG-MANIFEST-001…004: repeated keys in the manifest, config and index, or why they could not be looked for.
    static func duplicateKeyFindings(_ image: ResolvedImage) -> [Finding] {
        var documents = [
            RawDocument(name: "manifest", bytes: image.manifestBytes, digest: image.manifestDigest.description,
                        ruleID: "SG-MANIFEST-001"),
            RawDocument(name: "config", bytes: image.configBytes, digest: image.manifest.config.digest.description,
                        ruleID: "SG-MANIFEST-002"),
        ]
        if let index = image.indexBytes {
            documents.append(RawDocument(name: "index", bytes: index, digest: Digest.of(index).description,
                                         ruleID: "SG-MANIFEST-003"))
        }
        return documents.compactMap { document in
            switch JSONDuplicateKeys.scan(document.bytes) {
            case .checked(let duplicates, let total):
                total == 0 ? nil : duplicateFinding(document, duplicates: duplicates, total: total)
            case .tooDeep(let pointer):
                uncheckedFinding(document, reason: "it nests deeper than \(JSONDuplicateKeys.maxDepth) levels",
                                 facts: ["pointer": ManifestText.escaped(pointer)])
            case .unreadable(let offset, let reason):
                uncheckedFinding(document, reason: "it is not strict JSON (\(reason) at byte \(offset))",
                                 facts: ["offset": "\(offset)", "reason": reason])
            }
        }
    }

    private static func duplicateFinding(_ document: RawDocument, duplicates: [JSONDuplicateKeys.Duplicate],
                                         total: Int) -> Finding {
        let pointers = duplicates.map { ManifestText.escaped($0.pointer) }
        let equivalent = duplicates.filter(\.canonicallyEquivalent).map { ManifestText.quoted($0.pointer) }
        var facts = ["document": document.name, "digest": document.digest, "count": "\(total)",
                     "pointers": duplicates.map { ManifestText.quoted($0.pointer) }.joined(separator: ", ")]
        if !equivalent.isEmpty { facts["canonicallyEquivalent"] = equivalent.joined(separator: ", ") }
        let first = pointers.first ?? ""
        let title = total == 1 ? "The \(document.name) repeats the key \(first) in one object"
            : "The \(document.name) repeats \(total) keys within objects, first \(first)"
        var detail = "Parsers disagree on repeated keys: Safeguard's JSONDecoder keeps the first value, Go's "
            + "encoding/json (registries, containerd, Docker) keeps the last, so the same digest shows different "
            + "content to different tools. Keys are compared after decoding escapes (\"a\" and \"\\u0061\" are one "
            + "key)."
        if !equivalent.isEmpty {
            detail += " Some keys differ in bytes but are canonically equivalent Unicode: Swift merges them, Go keeps "
                + "both."
        }
        return finding(document.ruleID, .high, title, detail, Evidence(configField: first, facts: facts))
    }

    private static func uncheckedFinding(_ document: RawDocument, reason: String, facts: [String: String]) -> Finding {
        let facts = facts.merging(["document": document.name, "digest": document.digest]) { current, _ in current }
        return finding(
            "SG-MANIFEST-004", .medium, "The \(document.name) could not be checked for repeated keys",
            "The \(document.name) was accepted by the decoder, but \(reason). No image builder writes such a document; "
                + "it is read differently, or refused, by parsers with other limits, and repeated keys in it would go "
                + "unseen.",
            Evidence(configField: facts["pointer"], facts: facts))
    }
}

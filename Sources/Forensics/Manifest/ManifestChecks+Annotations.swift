import Findings
import Foundation
import ImageModel
import ImageSources

extension ManifestChecks {
    /// The largest annotation or label value not reported. Real values are names, versions, URLs, digests and short
    /// descriptions (GHCR shows 512 characters of `org.opencontainers.image.description`); 8 KiB is sixteen times
    /// that, so it leaves honest metadata alone and flags scripts, keys and encoded payloads parked where reviewers
    /// only skim.
    public static let maxValueBytes = 8 * 1024

    /// The largest total of one document's annotations or labels (keys and values) not reported: the limit
    /// Kubernetes puts on an object's annotations, which tools copying image annotations into objects run into.
    public static let maxTotalBytes = 256 * 1024

    /// How many entries of one document one rule names; a document of thousands of bad labels is reported once
    /// per entry up to this, then counted, so it cannot flood the report.
    static let maxEntriesReported = 32

    /// One annotation or label map and the field it sits in, e.g. `manifest.layers[0].annotations`.
    private struct Entries {
        let field: String
        let entries: [String: String]
    }

    /// SG-MANIFEST-010…012: control characters and oversized values in annotations and labels.
    static func annotationFindings(_ image: ResolvedImage) -> [Finding] {
        var documents: [(name: String, kind: String, maps: [Entries])] = [
            ("manifest", "annotation", manifestEntries(image.manifest)),
            ("config", "label", [Entries(field: "config.Labels", entries: image.config.config?.labels ?? [:])]),
        ]
        // The resolver already decoded this index; decoding it again cannot fail on bytes it accepted.
        if let bytes = image.indexBytes, let index = try? JSONDecoder().decode(ImageIndex.self, from: Data(bytes)) {
            documents.append(("index", "annotation", indexEntries(index)))
        }
        return documents.flatMap { document in
            entryFindings(document.maps, kind: document.kind)
                + totalSizeFindings(document.maps, document: document.name, kind: document.kind)
        }
    }

    private static func manifestEntries(_ manifest: ImageManifest) -> [Entries] {
        var maps = [Entries(field: "manifest.annotations", entries: manifest.annotations ?? [:]),
                    Entries(field: "manifest.config.annotations", entries: manifest.config.annotations ?? [:])]
        for (index, layer) in manifest.layers.enumerated() {
            maps.append(Entries(field: "manifest.layers[\(index)].annotations", entries: layer.annotations ?? [:]))
        }
        maps.append(Entries(field: "manifest.subject.annotations", entries: manifest.subject?.annotations ?? [:]))
        return maps
    }

    private static func indexEntries(_ index: ImageIndex) -> [Entries] {
        var maps = [Entries(field: "index.annotations", entries: index.annotations ?? [:])]
        for (position, entry) in index.manifests.enumerated() {
            maps.append(Entries(field: "index.manifests[\(position)].annotations", entries: entry.annotations ?? [:]))
        }
        maps.append(Entries(field: "index.subject.annotations", entries: index.subject?.annotations ?? [:]))
        return maps
    }

    /// SG-MANIFEST-010 and 011 for each entry of one document, at most `maxEntriesReported` per rule.
    private static func entryFindings(_ maps: [Entries], kind: String) -> [Finding] {
        var control: [Finding] = []
        var oversized: [Finding] = []
        for map in maps {
            for key in map.entries.keys.sorted() {
                let value = map.entries[key] ?? ""
                let field = "\(map.field)[\(ManifestText.quoted(key))]"
                let facts = ["key": ManifestText.escaped(key), "value": ManifestText.escaped(value)]
                if let finding = controlFinding(key: key, value: value, kind: kind, field: field, facts: facts) {
                    control.append(finding)
                }
                if value.utf8.count > maxValueBytes {
                    oversized.append(finding(
                        "SG-MANIFEST-011", .low,
                        "The \(kind) \(ManifestText.quoted(key)) holds \(value.utf8.count) bytes",
                        "A \(kind) value over \(maxValueBytes) bytes is not a name, version or description: it is a "
                            + "payload or a script kept in metadata that reviewers and tools show cut short, if at "
                            + "all.",
                        Evidence(configField: field, facts: facts.merging(
                            ["bytes": "\(value.utf8.count)", "limit": "\(maxValueBytes)"]) { current, _ in current })))
                }
            }
        }
        return bounded(control) + bounded(oversized)
    }

    /// SG-MANIFEST-010 for one entry, when its key or value holds control characters.
    ///
    /// Why: annotations and labels are printed by `docker inspect`, registry UIs and CI logs. An ESC starts a
    /// terminal escape sequence that can rewrite what the reader sees (hide lines, fake output, set the window
    /// title); other controls forge line breaks or hide text. Tab, newline and carriage return are common in
    /// honest multi-line descriptions and are not reported.
    private static func controlFinding(key: String, value: String, kind: String, field: String,
                                       facts: [String: String]) -> Finding? {
        func isHostile(_ scalar: Unicode.Scalar) -> Bool {
            ManifestText.isControl(scalar) && !["\t", "\n", "\r"].contains(scalar)
        }
        let inKey = key.unicodeScalars.contains(where: isHostile)
        let inValue = value.unicodeScalars.contains(where: isHostile)
        guard inKey || inValue else { return nil }
        let hasEscape = (key + value).unicodeScalars.contains("\u{1b}")
        let place = inKey && inValue ? "key and value" : inKey ? "key" : "value"
        return finding(
            "SG-MANIFEST-010", .medium,
            "The \(kind) \(ManifestText.quoted(key)) holds control characters in its \(place)",
            (hasEscape ? "It holds ESC, which starts a terminal escape sequence: " : "")
                + "tools that print \(kind)s (docker inspect, registry UIs, CI logs) pass control characters to the "
                + "reader's terminal, where they can hide lines, fake output or forge line breaks.",
            Evidence(configField: field,
                     facts: facts.merging(["in": place, "escape": "\(hasEscape)"]) { current, _ in current }))
    }

    /// SG-MANIFEST-012 when one document's entries together are larger than `maxTotalBytes`.
    private static func totalSizeFindings(_ maps: [Entries], document: String, kind: String) -> [Finding] {
        func size(_ map: Entries) -> Int { map.entries.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count } }
        let total = maps.reduce(0) { $0 + size($1) }
        guard total > maxTotalBytes, let largest = maps.max(by: { size($0) < size($1) }) else { return [] }
        return [finding(
            "SG-MANIFEST-012", .low, "The \(document)'s \(kind)s hold \(total) bytes together",
            "More than \(maxTotalBytes) bytes of \(kind)s is more than Kubernetes accepts on an object and far more "
                + "than any image needs; it burdens every tool that copies or shows them and can hide a payload.",
            Evidence(configField: largest.field, facts: [
                "document": document, "bytes": "\(total)", "limit": "\(maxTotalBytes)",
            ]))]
    }

    /// The first `maxEntriesReported` findings, the last of them counting the ones left out.
    private static func bounded(_ findings: [Finding]) -> [Finding] {
        guard findings.count > maxEntriesReported else { return findings }
        var kept = Array(findings.prefix(maxEntriesReported))
        kept[kept.count - 1].evidence.facts?["notReported"] = "\(findings.count - maxEntriesReported)"
        return kept
    }
}

import Foundation
import ImageModel

extension BaseCatalog {
    /// Records `digest` with its layers under `repository`: a new entry at the end, or one more digest of an
    /// existing entry, every other entry kept as it was and where it was.
    /// - Throws: `CatalogError.conflict` when the repository is owned by another team, or the digest is already
    ///   recorded with other layers (a digest fixes its config and so its layers; a difference means a forged file).
    public mutating func add(repository: String, digest: ApprovedDigest, owner: String, notes: String?)
        throws(CatalogError)
    {
        let entry: Entry
        do {
            entry = try Entry(repository: repository, owner: owner, notes: notes, digests: [digest])
        } catch {
            throw .conflict(file: file, repository: repository, reason: "not a repository name (\(error))")
        }
        guard let index = entries.firstIndex(where: { $0.name == entry.name }) else {
            entries.append(entry)
            return
        }
        var existing = entries[index]
        if let current = existing.owner, current != owner {
            throw .conflict(file: file, repository: existing.repository,
                            reason: "owned by \(current), not \(owner); change the owner in the file first")
        }
        existing.owner = owner
        existing.notes = existing.notes ?? notes
        if let known = existing.digests.first(where: { $0.digest == digest.digest }) {
            guard known.diffIDs == digest.diffIDs else {
                throw .conflict(file: file, repository: existing.repository,
                                reason: "\(digest.digest) is recorded with other diff_ids than its config lists")
            }
        } else {
            existing.digests.append(digest)
        }
        entries[index] = existing
    }

    /// Writes the catalog to its file in the format it was read in: beside it first, then renamed over it, so that
    /// an interrupted write never leaves half a catalog that every later scan would refuse.
    /// - Throws: `CatalogError.unreadable` naming the file when it cannot be written.
    public func save() throws(CatalogError) {
        do {
            try Data(rendered().utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw .unreadable(file: file, reason: "cannot write: \((error as NSError).localizedDescription)")
        }
    }

    /// The catalog as text: JSON when it was read as JSON, YAML otherwise.
    public func rendered() -> String { isJSON ? renderedJSON() : renderedYAML() }

    private func renderedYAML() -> String {
        var text = "# Vetted base images for safeguard (--catalog). safeguard catalog add rewrites this file.\n"
            + "images:\n"
        if entries.isEmpty { return text.replacingOccurrences(of: "images:\n", with: "images: []\n") }
        for entry in entries {
            text += "  - repository: \(Self.quoted(entry.repository))\n"
            if let owner = entry.owner { text += "    owner: \(Self.quoted(owner))\n" }
            if let notes = entry.notes { text += "    notes: \(Self.quoted(notes))\n" }
            text += entry.digests.isEmpty ? "    digests: []\n" : "    digests:\n"
            for approved in entry.digests {
                text += "      - digest: \(Self.quoted(approved.digest.description))\n        diff_ids:\n"
                for diffID in approved.diffIDs { text += "          - \(Self.quoted(diffID.description))\n" }
            }
        }
        return text
    }

    private func renderedJSON() -> String {
        let images: [[String: Any]] = entries.map { entry in
            var object: [String: Any] = ["repository": entry.repository]
            object["owner"] = entry.owner
            object["notes"] = entry.notes
            object["digests"] = entry.digests.map { approved -> [String: Any] in
                ["digest": approved.digest.description, "diff_ids": approved.diffIDs.map(\.description)]
            }
            return object
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["images": images],
                                                 options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
        return String(decoding: data ?? Data("{\"images\":[]}".utf8), as: UTF8.self) + "\n"
    }

    /// A YAML double-quoted scalar: every string quoted, so that `no`, `1.0` or `*x` stay strings and no owner or
    /// note can start a new key.
    static func quoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    text += String(format: "\\x%02X", scalar.value)
                } else if scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    text += String(format: "\\u%04X", scalar.value)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }
}

import Foundation
import ImageModel

extension BaseCatalog {
    /// Reads a catalog file, YAML or JSON (told apart by the first character that is not blank: `{` or `[` is
    /// JSON, since JSON text that libyaml 1.1 reads may still differ in detail).
    /// - Throws: `CatalogError` naming the file and the line, column or field.
    public static func load(_ file: String) throws(CatalogError) -> BaseCatalog {
        let bytes: [UInt8]
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .unreadable(file: file, reason: isDirectory.boolValue ? "is a directory" : "no such file")
        }
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            defer { try? handle.close() }
            // One byte past the limit tells a file at the limit from a larger one without reading the larger one.
            bytes = [UInt8](try handle.read(upToCount: CatalogLimits.maxFileBytes + 1) ?? Data())
        } catch {
            throw .unreadable(file: file, reason: (error as NSError).localizedDescription)
        }
        guard bytes.count <= CatalogLimits.maxFileBytes else {
            throw .tooLarge(file: file, limit: CatalogLimits.maxFileBytes)
        }
        return try parse(bytes, file: file)
    }

    /// Parses catalog text read from `file`.
    /// - Throws: `CatalogError` naming the file and the line, column or field.
    public static func parse(_ bytes: [UInt8], file: String) throws(CatalogError) -> BaseCatalog {
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let isJSON = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        let root = isJSON ? try CatalogNode.parseJSON(bytes, file: file) : try CatalogNode.parseYAML(bytes, file: file)
        guard let root else { return BaseCatalog(file: file, isJSON: isJSON) }
        return BaseCatalog(file: file, entries: try CatalogReader(file: file).entries(root), isJSON: isJSON)
    }
}

/// Turns the parsed tree into entries, checking every field's type and value.
private struct CatalogReader {
    let file: String

    func entries(_ root: CatalogNode) throws(CatalogError) -> [BaseCatalog.Entry] {
        let members = try mapping(root, field: "$", allowed: ["images"])
        guard let images = members["images"] else { return [] }
        var entries: [BaseCatalog.Entry] = []
        for (index, node) in try sequence(images, field: "images").enumerated() {
            let entry = try entry(node, field: "images[\(index)]")
            // Why: two entries for one repository would let a reader pick either owner and either digest list.
            if entries.contains(where: { $0.name == entry.name }) {
                throw .badKey(file: file, field: "images[\(index)].repository", mark: node.mark,
                              reason: "\(entry.name) is already listed")
            }
            entries.append(entry)
        }
        return entries
    }

    private func entry(_ node: CatalogNode, field: String) throws(CatalogError) -> BaseCatalog.Entry {
        let members = try mapping(node, field: field, allowed: ["repository", "owner", "notes", "digests"])
        guard let repositoryNode = members["repository"] else {
            throw .missingField(file: file, field: field + ".repository", mark: node.mark)
        }
        let repository = try string(repositoryNode, field: field + ".repository")
        var digests: [BaseCatalog.ApprovedDigest] = []
        let digestNodes = if let node = members["digests"] { try sequence(node, field: field + ".digests") } else {
            [CatalogNode]()
        }
        for (index, item) in digestNodes.enumerated() {
            digests.append(try approved(item, field: field + ".digests[\(index)]"))
        }
        let owner: String? = if let node = members["owner"] { try string(node, field: field + ".owner") } else { nil }
        let notes: String? = if let node = members["notes"] { try string(node, field: field + ".notes") } else { nil }
        do {
            return try BaseCatalog.Entry(repository: repository, owner: owner, notes: notes, digests: digests)
        } catch {
            throw .invalidValue(file: file, field: field + ".repository", mark: repositoryNode.mark,
                                expected: "a repository name such as docker.io/library/debian (\(error))")
        }
    }

    private func approved(_ node: CatalogNode, field: String) throws(CatalogError) -> BaseCatalog.ApprovedDigest {
        let members = try mapping(node, field: field, allowed: ["digest", "diff_ids"])
        guard let digestNode = members["digest"] else {
            throw .missingField(file: file, field: field + ".digest", mark: node.mark)
        }
        guard let layersNode = members["diff_ids"] else {
            throw .missingField(file: file, field: field + ".diff_ids", mark: node.mark)
        }
        let layers = try sequence(layersNode, field: field + ".diff_ids")
        // Why: an empty list would be a prefix of every image, so every image would be built on this base.
        guard !layers.isEmpty else {
            throw .invalidValue(file: file, field: field + ".diff_ids", mark: layersNode.mark,
                                expected: "a non-empty list of layer diff_ids")
        }
        var diffIDs: [Digest] = []
        for (index, layer) in layers.enumerated() {
            diffIDs.append(try digest(layer, field: field + ".diff_ids[\(index)]"))
        }
        return BaseCatalog.ApprovedDigest(digest: try digest(digestNode, field: field + ".digest"), diffIDs: diffIDs)
    }

    private func mapping(_ node: CatalogNode, field: String, allowed: Set<String>) throws(CatalogError)
        -> [String: CatalogNode]
    {
        guard case .mapping(let members, _) = node else {
            throw .invalidValue(file: file, field: field, mark: node.mark, expected: "a mapping")
        }
        var result: [String: CatalogNode] = [:]
        for member in members {
            let name = field == "$" ? member.key : field + "." + member.key
            guard allowed.contains(member.key) else { throw .unknownField(file: file, field: name, mark: node.mark) }
            result[member.key] = member.value
        }
        return result
    }

    private func sequence(_ node: CatalogNode, field: String) throws(CatalogError) -> [CatalogNode] {
        guard case .sequence(let items, _) = node else {
            throw .invalidValue(file: file, field: field, mark: node.mark, expected: "a list")
        }
        return items
    }

    private func string(_ node: CatalogNode, field: String) throws(CatalogError) -> String {
        guard case .scalar(let value, let mark) = node else {
            throw .invalidValue(file: file, field: field, mark: node.mark, expected: "a string")
        }
        guard !value.isEmpty, value.utf8.count <= CatalogLimits.maxStringBytes else {
            throw .invalidValue(file: file, field: field, mark: mark,
                                expected: "a string of 1 to \(CatalogLimits.maxStringBytes) bytes")
        }
        return value
    }

    private func digest(_ node: CatalogNode, field: String) throws(CatalogError) -> Digest {
        let text = try string(node, field: field)
        do {
            return try Digest(parsing: text)
        } catch {
            throw .invalidValue(file: file, field: field, mark: node.mark, expected: "a digest such as sha256:…")
        }
    }
}

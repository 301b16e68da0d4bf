import Foundation
import JSONTree

extension CatalogNode {
    /// Parses a JSON document into the same tree YAML gives, after checking its depth (Foundation's parser
    /// recurses once per level, so a file of a million `[` must be refused before it sees them).
    /// - Throws: `CatalogError` naming `file`.
    static func parseJSON(_ bytes: [UInt8], file: String) throws(CatalogError) -> CatalogNode? {
        guard JSONDepth.of(bytes, upTo: CatalogLimits.maxDepth) <= CatalogLimits.maxDepth else {
            throw .tooDeep(file: file, mark: CatalogMark(), limit: CatalogLimits.maxDepth)
        }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw .notJSON(file: file, reason: JSONDepth.reason(error))
        }
        var nodes = 0
        return try node(value, file: file, nodes: &nodes)
    }

    private static func node(_ value: Any, file: String, nodes: inout Int) throws(CatalogError) -> CatalogNode? {
        nodes += 1
        guard nodes <= CatalogLimits.maxNodes else {
            throw .tooManyNodes(file: file, mark: CatalogMark(), limit: CatalogLimits.maxNodes)
        }
        switch value {
        case let string as String: return .scalar(string, at: CatalogMark())
        case let object as [String: Any]:
            // Foundation does not keep key order; sorted keys keep the tree, and what is written from it, stable.
            var members: [CatalogMember] = []
            for key in object.keys.sorted() {
                guard let child = try node(object[key]!, file: file, nodes: &nodes) else { continue }
                members.append(CatalogMember(key: key, value: child))
            }
            return .mapping(members, at: CatalogMark())
        case let array as [Any]:
            var items: [CatalogNode] = []
            for element in array {
                if let child = try node(element, file: file, nodes: &nodes) { items.append(child) }
            }
            return .sequence(items, at: CatalogMark())
        case is NSNull: return nil
        case let number as NSNumber: return .scalar(number.stringValue, at: CatalogMark())
        default: return .scalar("\(value)", at: CatalogMark())
        }
    }
}

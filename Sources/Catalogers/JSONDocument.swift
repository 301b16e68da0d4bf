import Foundation
import JSONTree

/// A JSON file a language cataloger reads (`package.json`, Composer's `installed.json`), its nesting bounded before
/// Foundation's parser sees it.
enum JSONDocument {
    /// Real manifests nest a handful of levels (`package.json` about four, `installed.json` about six). Foundation's
    /// parser recurses once per level, so a hostile file of 100,000 `[` must be refused before it gets there.
    static let maxDepth = 64

    /// Why a JSON file was rejected.
    enum ParseError: Error, CustomStringConvertible {
        case tooDeep(limit: Int)
        case notJSON(reason: String)

        var description: String {
            switch self {
            case .tooDeep(let limit): "JSON nested deeper than \(limit) levels"
            case .notJSON(let reason): "not JSON: \(reason)"
            }
        }
    }

    /// The parsed value: `[String: Any]`, `[Any]`, `String`, `NSNumber` or `NSNull`.
    static func parse(_ bytes: [UInt8]) throws(ParseError) -> Any {
        guard JSONDepth.of(bytes, upTo: maxDepth) <= maxDepth else { throw .tooDeep(limit: maxDepth) }
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw .notJSON(reason: JSONDepth.reason(error))
        }
    }
}

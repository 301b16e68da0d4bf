import Foundation

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
        guard depth(of: bytes, upTo: maxDepth) <= maxDepth else { throw .tooDeep(limit: maxDepth) }
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw .notJSON(reason: Self.reason(error))
        }
    }

    /// The deepest nesting of arrays and objects outside strings, counted no further than one past `limit`.
    static func depth(of bytes: [UInt8], upTo limit: Int) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > limit { return deepest }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: continue
            }
        }
        return deepest
    }

    /// Foundation's message without its `NSError` wrapping, which differs between platforms.
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }
}

/// An entry name or link target read lexically, the way an extractor that joins it to its root would read it:
/// nothing on disk is consulted.
struct LexicalPath {
    /// The name starts with `/`.
    let isAbsolute: Bool
    /// Some component is `..`.
    let hasParentComponent: Bool
    /// Following the components from `base` goes above the root at some point.
    let climbsAboveRoot: Bool
    /// Where the components lead from `base`, as a root-relative path; `../x` when the path climbs out.
    var resolved: String {
        walked ?? (base.map(String.init) + [name]).filter { !$0.isEmpty }.joined(separator: "/")
    }
    private let name: String
    private let base: [Substring]
    /// The walked result when the name could leave its base; otherwise `resolved` joins on demand.
    private let walked: String?

    /// Reads `name` starting in directory `base` (root-relative components); leading slashes restart at the root.
    init(_ name: String, base: [Substring] = []) {
        // Almost every name is relative and free of `..`: answer those without splitting (this runs per entry).
        self.name = name
        self.base = base
        if !Self.mayLeave(name) {
            isAbsolute = false
            hasParentComponent = false
            climbsAboveRoot = false
            walked = nil
            return
        }
        isAbsolute = name.hasPrefix("/")
        var stack: [Substring] = isAbsolute ? [] : base
        var above = 0
        var climbs = false
        var parent = false
        for component in name.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                parent = true
                if stack.isEmpty {
                    above += 1
                    climbs = true
                } else {
                    stack.removeLast()
                }
            default:
                stack.append(component)
            }
        }
        hasParentComponent = parent
        climbsAboveRoot = climbs
        let prefix = String(repeating: "../", count: above)
        walked = prefix + stack.joined(separator: "/")
    }

    /// Whether `name` is absolute or holds `..` anywhere; false means it cannot leave its base directory.
    static func mayLeave(_ name: String) -> Bool {
        var previousDot = false
        for byte in name.utf8 {
            if byte == UInt8(ascii: "."), previousDot { return true }
            previousDot = byte == UInt8(ascii: ".")
        }
        return name.utf8.first == UInt8(ascii: "/")
    }

    /// The last component of a root-relative path, found from the end without splitting the path.
    static func lastComponent(of path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
        return path[path.index(after: slash)...]
    }

    /// The parent directory components of a root-relative path.
    static func parentComponents(of path: String) -> [Substring] {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return [] }
        return path[..<slash].split(separator: "/", omittingEmptySubsequences: true)
    }
}

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
    let resolved: String

    /// Reads `name` starting in directory `base` (root-relative components); leading slashes restart at the root.
    init(_ name: String, base: [Substring] = []) {
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
        resolved = prefix + stack.joined(separator: "/")
    }

    /// The parent directory components of a root-relative path.
    static func parentComponents(of path: String) -> [Substring] {
        Array(path.split(separator: "/", omittingEmptySubsequences: true).dropLast())
    }
}

/// Resolves the directory part of root-relative paths through the merged filesystem's symlinks, inside the root:
/// a package database records `bin/ls`, and on a merged-/usr system the file is `usr/bin/ls`.
///
/// Why inside the root: an image's symlinks are hostile input; `..` never climbs above the root, an absolute
/// target restarts at the root, and a loop of links ends after `maxHops`.
public struct DirectoryResolver {
    /// The filesystem whose symlinks are followed.
    public let fileSystem: FileSystem
    /// Directory → where it really is, for directories already resolved.
    private var resolved: [Substring: String] = [:]
    /// Symlinks followed while resolving one directory: Linux's own limit.
    public static let maxHops = 40

    /// Creates a resolver over `fileSystem`.
    public init(fileSystem: FileSystem) { self.fileSystem = fileSystem }

    /// `path` with its directory resolved through symlinks; its last component is kept as it is.
    public mutating func resolve(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        let directory = path[..<slash]
        let name = path[path.index(after: slash)...]
        let real = resolved[directory] ?? resolveDirectory(String(directory))
        resolved[directory] = real
        return real.isEmpty ? String(name) : real + "/" + name
    }

    /// Follows each component through symlinks.
    private func resolveDirectory(_ directory: String) -> String {
        var pending = Array(directory.split(separator: "/").reversed())
        var stack: [Substring] = []
        var hops = 0
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." { _ = stack.popLast(); continue }
            stack.append(component)
            guard let entry = fileSystem[stack.joined(separator: "/")], entry.kind == .symlink,
                  let target = entry.linkTarget, hops < Self.maxHops else { continue }
            hops += 1
            stack.removeLast()
            if target.hasPrefix("/") { stack.removeAll() }
            pending.append(contentsOf: target.split(separator: "/").reversed())
        }
        return stack.joined(separator: "/")
    }
}

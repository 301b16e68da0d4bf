import LayerPass

/// Resolves the directory part of a package's recorded path through the final filesystem's symlinks, inside the
/// root: dpkg records `bin/ls`, and on a merged-/usr system the file a layer replaces is `usr/bin/ls`.
///
/// Shortcoming: Forensics' `DirectoryResolver` does the same but is internal to that module, and Lineage sits
/// beside Forensics rather than above it; the two should become one public type in LayerPass.
struct PackagePathResolver {
    let fileSystem: FileSystem
    private var resolved: [Substring: String] = [:]
    /// Symlinks followed while resolving one directory; Linux's own limit, so a loop of links ends.
    static let maxHops = 40

    init(fileSystem: FileSystem) { self.fileSystem = fileSystem }

    mutating func resolve(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        let directory = path[..<slash]
        let name = path[path.index(after: slash)...]
        let real = resolved[directory] ?? resolveDirectory(String(directory))
        resolved[directory] = real
        return real.isEmpty ? String(name) : real + "/" + name
    }

    /// Follows each component through symlinks; `..` never climbs above the root, and a loop stops the walk.
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

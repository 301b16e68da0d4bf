/// Entry names turned into paths relative to the archive's root.
public enum TarPath {
    /// `./usr/bin/` → `usr/bin`; the root itself (`.`, `./`, `/`) becomes the empty string.
    ///
    /// This is only how a name is filed, never a path joined to the host's filesystem: nothing is extracted.
    public static func normalize(_ name: String) -> String {
        var path = Substring(name)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        while path.hasPrefix("/") { path = path.dropFirst() }
        while path.hasSuffix("/") { path = path.dropLast() }
        return path == "." ? "" : String(path)
    }
}

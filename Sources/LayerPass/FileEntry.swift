/// One entry of a layer's tar, as the filesystem sees it: a path, its kind and metadata, and its layer.
public struct FileEntry: Sendable, Hashable {
    /// What kind of file the entry makes.
    public enum Kind: String, Sendable, Codable {
        case file, directory, symlink, hardlink, characterDevice, blockDevice, fifo, other
    }

    /// The path relative to the root, without a leading `./` or `/` and without a trailing `/`.
    public var path: String
    /// The kind of file.
    public var kind: Kind
    /// Permission and special bits (setuid, setgid, sticky), without the file type.
    public var mode: UInt32
    /// The owner's numeric user ID.
    public var uid: Int
    /// The owner's numeric group ID.
    public var gid: Int
    /// The file's logical size in bytes.
    public var size: Int64
    /// The target of a symlink or hardlink, exactly as written (never resolved against the host).
    public var linkTarget: String?
    /// The index of the layer that wrote the entry.
    public var layer: Int

    /// Creates an entry.
    public init(path: String, kind: Kind, mode: UInt32, uid: Int, gid: Int, size: Int64, linkTarget: String?,
                layer: Int) {
        self.path = path
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
        self.linkTarget = linkTarget
        self.layer = layer
    }

    /// Whether the setuid bit is set on a regular file.
    public var isSetuid: Bool { kind == .file && mode & 0o4000 != 0 }
    /// Whether the setgid bit is set on a regular file.
    public var isSetgid: Bool { kind == .file && mode & 0o2000 != 0 }
}

/// How a layer changes the filesystem below it, as the OCI image spec's whiteouts say.
public enum LayerChange: Sendable, Hashable {
    /// The layer writes an entry.
    case write(FileEntry)
    /// `.wh.NAME`: the layer deletes `path` and everything below it from lower layers.
    case whiteout(path: String)
    /// `.wh..wh..opq`: the layer hides everything lower layers put in directory `path`.
    case opaque(directory: String)
}

/// Entry paths split into parent and name, and what whiteout names mean.
enum EntryPath {
    /// The prefix that marks a whiteout entry.
    static let whiteoutPrefix = ".wh."
    /// The whiteout name that marks its directory opaque.
    static let opaqueMarker = ".wh..wh..opq"

    /// Splits `a/b/c` into (`a/b`, `c`).
    static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// The change an entry makes: a whiteout, an opaque marker, or a write.
    static func change(for entry: FileEntry) -> LayerChange {
        let (parent, name) = split(entry.path)
        guard name.hasPrefix(whiteoutPrefix) else { return .write(entry) }
        if name == opaqueMarker { return .opaque(directory: parent) }
        let hidden = String(name.dropFirst(whiteoutPrefix.count))
        return .whiteout(path: parent.isEmpty ? hidden : "\(parent)/\(hidden)")
    }
}

/// The image's root filesystem as a container would see it: every layer applied in order, whiteouts and
/// opaque directories honoured, each path attributed to the layer that last wrote it.
///
/// Built from entry metadata only; nothing is extracted, and links are recorded, never followed.
public struct FileSystem: Sendable {
    /// Every path present in the final filesystem.
    public private(set) var entries: [String: FileEntry] = [:]
    /// Per layer, how many paths it added, changed (over a lower layer's) and deleted.
    public private(set) var layerStatistics: [LayerStatistics] = []
    // Directory path → names directly inside it, so whiteouts can remove a subtree without scanning every path.
    private var children: [String: Set<String>] = [:]

    /// What one layer did to the filesystem below it.
    public struct LayerStatistics: Sendable, Hashable, Codable {
        /// Paths the layer created.
        public var added = 0
        /// Non-directory paths the layer rewrote over a lower layer's, and directories whose metadata it changed.
        public var changed = 0
        /// Paths the layer removed through whiteouts or opaque directories.
        public var deleted = 0

        /// Creates statistics, empty by default.
        public init(added: Int = 0, changed: Int = 0, deleted: Int = 0) {
            self.added = added
            self.changed = changed
            self.deleted = deleted
        }
    }

    /// Applies `layers` in order.
    public init(layers: [[LayerChange]]) {
        for (index, changes) in layers.enumerated() { apply(changes, layer: index) }
    }

    /// The entry at `path`, if the final filesystem has one.
    public subscript(path: String) -> FileEntry? { entries[path] }

    private mutating func apply(_ changes: [LayerChange], layer: Int) {
        var statistics = LayerStatistics()
        // Whiteouts and opaque markers hide what lower layers wrote, whatever their position in the tar:
        // apply them first so that the layer's own entries in the same directory survive.
        for change in changes {
            switch change {
            case .whiteout(let path): statistics.deleted += remove(path, includingSelf: true)
            case .opaque(let directory): statistics.deleted += remove(directory, includingSelf: false)
            case .write: continue
            }
        }
        for case .write(let entry) in changes where !entry.path.isEmpty {
            if let existing = entries[entry.path] {
                if existing.layer < layer, existing.kind != .directory || entry.kind != .directory
                    || existing.mode != entry.mode || existing.uid != entry.uid || existing.gid != entry.gid {
                    statistics.changed += 1
                }
                if existing.kind == .directory, entry.kind != .directory {
                    _ = remove(entry.path, includingSelf: false)
                }
            } else {
                statistics.added += 1
                let (parent, name) = EntryPath.split(entry.path)
                children[parent, default: []].insert(name)
            }
            entries[entry.path] = entry
        }
        layerStatistics.append(statistics)
    }

    /// Removes `path`'s subtree (and `path` itself when asked), returning how many entries went.
    private mutating func remove(_ path: String, includingSelf: Bool) -> Int {
        var removed = 0
        var pending = (children.removeValue(forKey: path) ?? []).map { path.isEmpty ? $0 : "\(path)/\($0)" }
        while let next = pending.popLast() {
            if entries.removeValue(forKey: next) != nil { removed += 1 }
            for child in children.removeValue(forKey: next) ?? [] { pending.append("\(next)/\(child)") }
        }
        if includingSelf, entries.removeValue(forKey: path) != nil {
            removed += 1
            let (parent, name) = EntryPath.split(path)
            children[parent]?.remove(name)
        }
        return removed
    }
}

extension FileSystem {
    /// Counts of the final filesystem's entries, for the report's summary.
    public var summary: Summary {
        var summary = Summary()
        for entry in entries.values {
            switch entry.kind {
            case .file:
                summary.files += 1
                // Why: a sparse entry's real size is declared, not read, so two entries of a few hundred bytes can
                // claim 2^62 bytes each; the total saturates instead of overflowing and trapping.
                let (total, overflow) = summary.totalFileBytes.addingReportingOverflow(entry.size)
                summary.totalFileBytes = overflow ? .max : total
            case .directory: summary.directories += 1
            case .symlink: summary.symlinks += 1
            case .hardlink: summary.hardlinks += 1
            default: summary.special += 1
            }
            if entry.isSetuid { summary.setuid += 1 }
            if entry.isSetgid { summary.setgid += 1 }
        }
        return summary
    }

    /// Counts of a filesystem's entries by kind.
    public struct Summary: Sendable, Hashable, Codable {
        /// Regular files.
        public var files = 0
        /// Directories.
        public var directories = 0
        /// Symbolic links.
        public var symlinks = 0
        /// Hard links.
        public var hardlinks = 0
        /// Devices, FIFOs and other special files.
        public var special = 0
        /// The sum of regular files' sizes.
        public var totalFileBytes: Int64 = 0
        /// Regular files with the setuid bit.
        public var setuid = 0
        /// Regular files with the setgid bit.
        public var setgid = 0

        /// Creates zero counts.
        public init() {}
    }
}

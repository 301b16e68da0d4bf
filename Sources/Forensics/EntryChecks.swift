import Findings
import LayerPass
import Tar

/// The checks run on every tar entry while the layer streams: names and link targets that escape the root,
/// names that tools read differently, and paths written twice. One value serves one layer.
public struct EntryChecks: EntryInspector {
    let layer: LayerReference
    let limits: LayerLimits
    var sink = FindingLimiter()
    /// Every path the layer writes, with what it wrote there, to find paths written twice.
    private var written: [String: EntryIdentity] = [:]
    /// Paths the layer whites out, with the whiteout's entry name.
    private var whiteouts: [String: String] = [:]
    /// Regular files written twice with the same size, by path, with the entry name: their contents decide.
    private var sameSizeCopies: [String: String] = [:]

    /// Creates the checks for one layer.
    public init(layer: LayerReference, limits: LayerLimits) {
        self.layer = layer
        self.limits = limits
    }

    public mutating func inspect(_ entry: TarEntry, path: String) {
        checkName(entry, path: path)
        checkLink(entry, path: path)
        checkText(entry, path: path)
        checkExtendedHeaders(entry, path: path)
        record(entry, path: path)
    }

    public func pathsNeedingContent() -> Set<String> { Set(sameSizeCopies.keys) }

    public mutating func compareContents(_ fingerprints: [String: [ContentFingerprint]]) {
        for (path, name) in sameSizeCopies.sorted(by: { $0.key < $1.key })
        where Set(fingerprints[path] ?? []).count > 1 {
            reportDuplicate(path: path, what: "twice as a file with different content", differs: "content",
                            evidence: Evidence(layer: layer, path: path, entryName: name))
        }
    }

    public mutating func findings() -> [Finding] {
        for (path, whiteout) in whiteouts.sorted(by: { $0.key < $1.key }) where written[path] != nil {
            add("SG-TAR-014", ForensicCategory.malformed, .medium,
                "Layer \(layer.index) both deletes and writes \(path)",
                "The layer holds the whiteout \(whiteout) and an entry for the same path. The OCI spec applies "
                    + "whiteouts first, so the entry survives; an extractor that applies entries in tar order "
                    + "may delete it. Builders never write both.",
                Evidence(layer: layer, path: path, entryName: whiteout))
        }
        return sink.findings()
    }

    mutating func add(_ rule: String, _ category: String, _ severity: Severity, _ title: String, _ detail: String,
                      _ evidence: Evidence) {
        sink.add(Finding(category: category, ruleID: rule, severity: severity, title: title, detail: detail,
                         evidence: evidence))
    }

    /// Evidence naming an entry, its link target when it has one, and where it would land.
    func evidence(_ entry: TarEntry, path: String, resolved: String? = nil, facts: [String: String]? = nil)
        -> Evidence
    {
        let isLink = entry.type == .hardLink || entry.type == .symbolicLink
        return Evidence(layer: layer, path: path, entryName: entry.name, linkTarget: isLink ? entry.linkName : nil,
                        resolvedPath: resolved, facts: facts)
    }

    /// Records what the entry writes at its path, reporting a second write of one path with other content.
    ///
    /// Why: builders write each path once per layer. Two different entries for one path make extractors that
    /// keep the first and those that keep the last (and scanners that index either) see different files.
    private mutating func record(_ entry: TarEntry, path: String) {
        let name = LexicalPath.lastComponent(of: path)
        if name.hasPrefix(".wh."), name != ".wh..wh..opq" {
            let parent = LexicalPath.parentComponents(of: path).joined(separator: "/")
            let hidden = String(name.dropFirst(4))
            whiteouts[parent.isEmpty ? hidden : "\(parent)/\(hidden)"] = entry.name
            return
        }
        let identity = EntryIdentity(entry)
        defer { written[path] = identity }
        guard let previous = written[path] else { return }
        if previous == identity {
            // Same type and size: only the bytes can differ; the pass compares them on request.
            if identity.type == .regular, identity.size > 0 { sameSizeCopies[path] = entry.name }
            return
        }
        let typesDiffer = previous.type != identity.type
        reportDuplicate(path: path, what: typesDiffer ? "first as a \(previous.kind), then as a \(identity.kind)"
                            : "twice as a \(identity.kind) with different content",
                        differs: typesDiffer ? "types" : "content", evidence: evidence(entry, path: path))
    }

    private mutating func reportDuplicate(path: String, what: String, differs: String, evidence: Evidence) {
        add("SG-TAR-012", ForensicCategory.malformed, .high, "Layer \(layer.index) writes \(path) \(what)",
            "The same path appears twice in one layer with different \(differs). Extractors keep the last copy, "
                + "some scanners the first: what is scanned and what runs can differ.",
            evidence)
    }
}

/// What an entry puts at its path, for telling two entries of one path apart. Metadata such as mode or time
/// is left out: only a different kind of file or different content makes tools disagree about what is there.
/// A regular file's bytes are compared separately, by fingerprint, when the rest is equal.
struct EntryIdentity: Hashable {
    let type: TarEntryType
    let size: Int64
    let linkName: [UInt8]
    let device: [Int64]

    init(_ entry: TarEntry) {
        type = entry.type == .contiguous ? .regular : entry.type
        let isFile = type == .regular
        size = isFile ? entry.realSize : 0
        linkName = entry.type == .hardLink || entry.type == .symbolicLink ? entry.linkNameBytes : []
        device = entry.type == .characterDevice || entry.type == .blockDevice
            ? [entry.deviceMajor, entry.deviceMinor] : []
    }

    var kind: String {
        switch type {
        case .regular, .contiguous: "file"
        case .hardLink: "hardlink"
        case .symbolicLink: "symlink"
        case .characterDevice: "character device"
        case .blockDevice: "block device"
        case .directory: "directory"
        case .fifo: "FIFO"
        case .other(let flag): "type '\(Character(Unicode.Scalar(flag)))' entry"
        }
    }
}

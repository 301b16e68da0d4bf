/// The links of an image's filesystem while its layers are applied in order, for following entry paths the way
/// an extractor that follows symlinks on the host would: nothing is extracted, only the links are modelled.
struct SymlinkModel {
    /// A link that redirects paths below it.
    struct Link {
        /// The target as written: a symlink's target, or the outside path of a hardlink that left the root.
        let target: String
        /// Whether the link is a hardlink whose target is outside the root (nothing below it is in the root).
        let leavesRoot: Bool
        /// The layer that wrote it.
        let layer: Int
        /// When it was written, to tell whether a later whiteout removed it.
        let sequence: Int
    }

    /// Where a path led.
    enum Resolution {
        /// To this root-relative path, every link on the way inside the root.
        case inside([Substring])
        /// Outside the root, through `via` (`link`) and on to `hostPath`.
        case outside(via: String, link: Link, hostPath: String)
    }

    /// How many links one resolution follows before giving up, as Linux does (ELOOP after 40).
    static let maxHops = 40

    /// Keyed by Substring so that prefixes of a path can be looked up without copying them.
    private var links: [Substring: Link] = [:]
    /// Path → the sequence before which its lower-layer links were removed by a whiteout of the path.
    private var removedAt: [String: Int] = [:]
    /// Directory → the sequence before which links below it were hidden by an opaque marker.
    private var hiddenBelowAt: [String: Int] = [:]
    private(set) var sequence = 0

    /// Starts a layer: whiteouts in it hide what lower layers wrote, never the layer's own entries.
    mutating func startLayer() -> Int {
        sequence += 1
        return sequence
    }

    mutating func addLink(at path: String, target: String, leavesRoot: Bool, layer: Int) {
        sequence += 1
        links[Substring(path)] = Link(target: target, leavesRoot: leavesRoot, layer: layer, sequence: sequence)
    }

    mutating func removeLink(at path: String) {
        if !links.isEmpty { links.removeValue(forKey: Substring(path)) }
    }

    /// Whether a link sits at some proper prefix of `path`: only then can the path lead anywhere but to itself.
    func hasLink(above path: String) -> Bool {
        guard !links.isEmpty else { return false }
        var index = path.utf8.startIndex
        while let slash = path.utf8[index...].firstIndex(of: UInt8(ascii: "/")) {
            if links[path[..<slash]] != nil { return true }
            index = path.utf8.index(after: slash)
        }
        return false
    }

    /// A whiteout of `path` in the layer started at `layerStart`.
    mutating func whiteOut(_ path: String, layerStart: Int) { removedAt[path] = layerStart }

    /// An opaque marker for `directory` in the layer started at `layerStart`.
    mutating func hideBelow(_ directory: String, layerStart: Int) { hiddenBelowAt[directory] = layerStart }

    /// The link at `path` that is still in place, if any.
    func link(at path: String) -> Link? { links.isEmpty ? nil : links[Substring(path)] }

    /// Follows `components` from the root, following every link met (the last component too when `followLast`).
    func resolve(_ components: [Substring], followLast: Bool) -> Resolution {
        var pending = Array(components.reversed())
        var stack: [Substring] = []
        // removal[i]: links at or below stack[0...i] written before this sequence are gone.
        var removal: [Int] = []
        var hops = 0
        var lastLink: (path: String, link: Link)?
        while let component = pending.popLast() {
            if component.isEmpty || component == "." { continue }
            if component == ".." {
                guard !stack.isEmpty else {
                    guard let lastLink else { return .inside([]) }
                    let rest = pending.reversed().joined(separator: "/")
                    return .outside(via: lastLink.path, link: lastLink.link, hostPath: "../" + rest)
                }
                stack.removeLast()
                removal.removeLast()
                continue
            }
            let parentKey = stack.joined(separator: "/")
            stack.append(component)
            let key = stack.joined(separator: "/")
            removal.append(max(removal.last ?? 0, hiddenBelowAt[parentKey] ?? 0, removedAt[key] ?? 0))
            if pending.isEmpty, !followLast { break }
            guard let link = links[Substring(key)], link.sequence > removal.last! else { continue }
            hops += 1
            // A loop fails extraction with ELOOP instead of going anywhere.
            guard hops <= Self.maxHops else { return .inside(stack) }
            lastLink = (key, link)
            let rest = pending.reversed().joined(separator: "/")
            if link.leavesRoot || link.target.hasPrefix("/") {
                // The host follows an absolute target from its own root, not the container's.
                let host = link.target + (rest.isEmpty ? "" : "/" + rest)
                return .outside(via: key, link: link, hostPath: host)
            }
            stack.removeLast()
            removal.removeLast()
            pending.append(contentsOf: link.target.split(separator: "/", omittingEmptySubsequences: false).reversed())
        }
        return .inside(stack)
    }
}

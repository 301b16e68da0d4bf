import Findings
import LayerPass

/// Applies the layers in order the way an extractor that follows symlinks on the host would, and reports every
/// entry written, linked or whited out through a symlink (from its own layer or a lower one) that leads outside
/// the root.
///
/// Why after the pass: layers stream in parallel, but whether a path goes through a symlink depends on every
/// lower layer. The pass keeps each entry's path, kind and link target, which is all this needs.
public enum ExtractionReplay {
    /// The findings for `layers`, base first.
    public static func findings(layers: [LayerResult]) -> [Finding] {
        var model = SymlinkModel()
        var findings: [Finding] = []
        for layer in layers {
            let reference = LayerReference(index: layer.index, digest: layer.descriptor.digest.description)
            var sink = FindingLimiter()
            let start = model.startLayer()
            for change in layer.changes {
                switch change {
                case .write(let entry):
                    apply(entry, to: &model, layer: reference, sink: &sink)
                case .whiteout(let path):
                    checkRemoval(path, of: "whites out", in: model, layer: reference, sink: &sink)
                    model.whiteOut(path, layerStart: start)
                case .opaque(let directory):
                    checkRemoval(directory, of: "empties (opaque whiteout)", in: model, layer: reference, sink: &sink)
                    model.hideBelow(directory, layerStart: start)
                }
            }
            findings += sink.findings()
        }
        return findings
    }

    private static func apply(_ entry: FileEntry, to model: inout SymlinkModel, layer: LayerReference,
                              sink: inout FindingLimiter) {
        // Names that climb out by themselves are reported by the entry checks; there is nothing to follow.
        guard !entry.path.isEmpty, !LexicalPath(entry.path).climbsAboveRoot else { return }
        let path: String
        let name = LexicalPath.lastComponent(of: entry.path)
        if LexicalPath.mayLeave(entry.path) || model.hasLink(above: entry.path) {
            let components = entry.path.split(separator: "/", omittingEmptySubsequences: false)
            switch model.resolve(Array(components.dropLast()), followLast: true) {
            case .outside(let via, let link, let hostPath):
                report("SG-ESCAPE-011", entry, verb: "writes", via: via, link: link, hostPath: hostPath + "/" + name,
                       layer: layer, sink: &sink)
                return
            case .inside(let parent):
                path = (parent + [name]).joined(separator: "/")
            }
        } else {
            // No link above and no `..`: the entry lands at its own path.
            path = entry.path
        }

        // open(2) without O_NOFOLLOW follows a symlink in the last component too. Replacing a lower layer's
        // symlink is normal (extractors unlink it first); a layer that plants a symlink and then writes to the
        // same path is built to write through it.
        if entry.kind != .symlink, entry.kind != .directory, let existing = model.link(at: path),
           existing.layer == layer.index,
           case .outside(let via, let link, let hostPath) = model.resolve(
               LexicalPath.parentComponents(of: path) + [name], followLast: true) {
            report("SG-ESCAPE-011", entry, verb: "writes", via: via, link: link, hostPath: hostPath, layer: layer,
                   sink: &sink)
        }
        if entry.kind == .hardlink, let target = entry.linkTarget {
            let targetComponents = LexicalPath(target).resolved.split(separator: "/", omittingEmptySubsequences: false)
            if case .outside(let via, let link, let hostPath) = model.resolve(Array(targetComponents.dropLast()),
                                                                               followLast: true) {
                report("SG-ESCAPE-012", entry, verb: "links to", via: via, link: link,
                       hostPath: hostPath + "/" + (targetComponents.last ?? ""), layer: layer, sink: &sink)
            }
        }

        switch entry.kind {
        case .symlink:
            model.addLink(at: path, target: entry.linkTarget ?? "", leavesRoot: false, layer: layer.index)
        case .hardlink:
            // A hardlink whose target is outside the root makes everything below its path outside too.
            let target = LexicalPath(entry.linkTarget ?? "")
            if target.climbsAboveRoot || target.isAbsolute {
                model.addLink(at: path, target: entry.linkTarget ?? "", leavesRoot: true, layer: layer.index)
            } else {
                model.removeLink(at: path)
            }
        default:
            model.removeLink(at: path)
        }
    }

    private static func checkRemoval(_ path: String, of verb: String, in model: SymlinkModel, layer: LayerReference,
                                     sink: inout FindingLimiter) {
        guard !LexicalPath(path).climbsAboveRoot else { return }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard case .outside(let via, let link, let hostPath) = model.resolve(Array(components.dropLast()),
                                                                            followLast: true) else { return }
        let entry = FileEntry(path: path, kind: .other, mode: 0, uid: 0, gid: 0, size: 0, linkTarget: nil,
                              layer: layer.index)
        report("SG-ESCAPE-013", entry, verb: verb, via: via, link: link,
               hostPath: hostPath + "/" + (components.last ?? ""), layer: layer, sink: &sink)
    }

    private static func report(_ rule: String, _ entry: FileEntry, verb: String, via: String,
                               link: SymlinkModel.Link, hostPath: String, layer: LayerReference,
                               sink: inout FindingLimiter) {
        let kind = link.leavesRoot ? "hardlink" : "symlink"
        let how = "\(verb) \(hostPath) through \(via) -> \(link.target) (layer \(link.layer))"
        sink.add(Finding(
            category: ForensicCategory.escape, ruleID: rule, severity: .critical,
            title: "Layer \(layer.index) entry \(entry.path) \(how)",
            detail: "The \(kind) \(via) leads outside the root, so an extractor that follows links on the host "
                + "applies this entry to the host's filesystem instead of the container's.",
            evidence: Evidence(layer: layer, path: entry.path, entryName: entry.path, linkTarget: entry.linkTarget,
                               resolvedPath: hostPath,
                               facts: ["through": via, "throughTarget": link.target, "throughLayer": "\(link.layer)"])))
    }
}

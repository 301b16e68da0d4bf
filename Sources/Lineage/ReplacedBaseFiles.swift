import Findings
import ImageModel
import LayerPass
import SBOM

/// SG-LINEAGE-005: files that a base package owns, replaced by a layer above the base while the package itself
/// did not change: the base's layers are borrowed, and what they run is not what they shipped.
///
/// Not a finding: a file a later layer deleted (a whiteout removes it from the final filesystem, it replaces
/// nothing); a package upgraded or reinstalled in that layer (its record, or its own database files such as dpkg's
/// `info/NAME.md5sums`, changed in the same layer); configuration files (dpkg conffiles, rpm %config), which
/// exist to be edited; directories, which every layer's tar repeats. `/etc/passwd`, `/etc/group` and `/etc/shadow`
/// belong to no Debian package (base-passwd creates them from `/usr/share/base-passwd/*.master`), so adding users
/// is not a replacement.
enum ReplacedBaseFiles {
    /// One finding per file up to this many, then one that counts the rest: an image that replaced thousands of
    /// base files is shown by the first few, and a report of thousands of findings hides everything else.
    static let maxFindings = 25

    static func findings(baseLayerCount: Int, layerDigests: [Digest], fileSystem: FileSystem,
                         sbom: SoftwareBillOfMaterials) -> [Finding] {
        guard baseLayerCount > 0, baseLayerCount < layerDigests.count else { return [] }
        var resolver = DirectoryResolver(fileSystem: fileSystem)
        // A database file several packages share (dpkg's `status`) changes whenever anything is installed, so only
        // a package's own files say that it was reinstalled.
        let sharedLocations = Dictionary(grouping: sbom.packages.flatMap(\.locations), by: { $0 }).filter {
            $0.value.count > 1
        }
        var ownersByPath: [String: [Package]] = [:]
        for package in sbom.packages {
            for file in package.files { ownersByPath[resolver.resolve(file.path), default: []].append(package) }
        }
        var replaced: [(FileEntry, Package, PackageFile)] = []
        var seen: Set<String> = []
        for package in sbom.packages {
            guard let introduced = package.introducedLayer, introduced < baseLayerCount else { continue }
            for file in package.files where !file.isConfiguration {
                let path = resolver.resolve(file.path)
                guard let entry = fileSystem[path] ?? fileSystem[file.path], entry.kind != .directory,
                      entry.layer >= baseLayerCount, seen.insert(entry.path).inserted else { continue }
                let changedTogether = (ownersByPath[path] ?? [package]).contains { owner in
                    owner.changedLayer == entry.layer || owner.introducedLayer == entry.layer
                        || databaseFiles(of: owner, shared: sharedLocations).contains { location in
                            fileSystem[location]?.layer == entry.layer
                        }
                }
                if !changedTogether { replaced.append((entry, package, file)) }
            }
        }
        replaced.sort { ($0.0.layer, $0.0.path) < ($1.0.layer, $1.0.path) }
        var findings = replaced.prefix(maxFindings).map { entry, package, file in
            finding(entry, package: package, file: file, layerDigests: layerDigests, baseLayerCount: baseLayerCount)
        }
        if replaced.count > maxFindings, let last = findings.last {
            var summary = last
            summary.title = "\(replaced.count - maxFindings) more base package files replaced above the base"
            summary.evidence.path = nil
            summary.evidence.facts = ["moreFiles": String(replaced.count - maxFindings)]
            findings.append(summary)
        }
        return findings
    }

    /// The package's own database files: its locations, less those other packages share and those it installed
    /// (the copyright file dpkg's cataloger lists is a package file, which an attacker could rewrite beside the one
    /// they replace).
    private static func databaseFiles(of package: Package, shared: [String: [String]]) -> [String] {
        let installed = Set(package.files.map(\.path))
        return package.locations.filter { shared[$0] == nil && !installed.contains($0) }
    }

    private static func finding(_ entry: FileEntry, package: Package, file: PackageFile, layerDigests: [Digest],
                                baseLayerCount: Int) -> Finding {
        var facts = ["package": package.name, "packageVersion": package.version, "baseLayers": String(baseLayerCount),
                     "packageLayer": String(package.changedLayer ?? package.introducedLayer ?? 0)]
        facts["recordedDigest"] = file.digest
        if file.path != entry.path { facts["packagePath"] = file.path }
        return Finding(
            category: LineageRules.layerReuse, ruleID: LineageRules.replacedBaseFile, severity: .high,
            title: "Layer \(entry.layer) replaces \(entry.path), owned by base package \(package.name)",
            detail: "\(entry.path) belongs to \(package.name) \(package.version), which the base (layers 0 to "
                + "\(baseLayerCount - 1)) installed, but layer \(entry.layer) writes it again without the package "
                + "changing: the image keeps the base's layers and their trust while running something else.",
            evidence: Evidence(layer: LayerReference(index: entry.layer, digest: layerDigests[entry.layer].description),
                               path: entry.path, facts: facts))
    }
}

import Findings
import LayerPass

extension PackageFileIntegrity {
    /// The finding for a file that matches none of its packages' records; `claim` is the record it is judged by.
    static func finding(_ entry: FileEntry, claim: PackageFileClaim, actual: Actual, layers: [LayerResult],
                        step: String?) -> Finding
    {
        let recorded = claim.file.digest ?? ""
        let algorithm = recorded.split(separator: ":", maxSplits: 1).first ?? ""
        let package = claim.package
        var facts = [
            "package": package.name, "packageVersion": package.version, "packageType": package.type.rawValue,
            "recordedDigest": recorded, "configuration": claim.isConfiguration ? "true" : "false",
        ]
        var change = "wrote content whose \(algorithm) digest is not the one the package database recorded"
        switch actual {
        case .content(let digests): facts["actualDigest"] = "\(algorithm):\(digests.hex(algorithm) ?? "")"
        case .link(let target):
            facts["linkTarget"] = target
            change = "put a symbolic link to \(target) where the package database recorded a regular file"
        }
        if claim.file.path != entry.path { facts["recordedPath"] = claim.file.path }
        if let database = package.locations.first { facts["database"] = database }
        if let changed = package.changedLayer { facts["databaseLayer"] = "\(changed)" }
        let layer = LayerReference(index: entry.layer, digest: layers[entry.layer].descriptor.digest.description)
        let evidence = Evidence(layer: layer, path: entry.path, entryName: entry.path, historyStep: step, facts: facts)
        let owner = "\(package.type.rawValue) package \(package.name) \(package.version)"
        if claim.isConfiguration {
            return Finding(category: category, ruleID: modifiedConfigurationRule, severity: .low,
                           title: "Configuration file /\(entry.path) differs from \(owner)'s record",
                           detail: "Layer \(entry.layer) \(change). Configuration files are often edited on "
                               + "purpose; check that this edit is one the image's build made.",
                           evidence: evidence)
        }
        return Finding(category: category, ruleID: modifiedFileRule, severity: .high,
                       title: "Package file /\(entry.path) differs from \(owner)'s record",
                       detail: "Layer \(entry.layer) \(change), and no later layer brought the database up to "
                           + "date: the file was replaced outside the package manager. A working image whose "
                           + "package files were swapped is how a compromised build pipeline hides a payload.",
                       evidence: evidence)
    }
}

import Findings
import LayerPass

extension PackageFileIntegrity {
    /// The finding for a file that matches none of its packages' records; `claim` is the record it is judged by.
    static func finding(_ entry: FileEntry, claim: PackageFileClaim, actual: FileDigests, layers: [LayerResult])
        -> Finding
    {
        let recorded = claim.file.digest ?? ""
        let algorithm = recorded.split(separator: ":", maxSplits: 1).first ?? ""
        let package = claim.package
        var facts = [
            "package": package.name, "packageVersion": package.version, "packageType": package.type.rawValue,
            "recordedDigest": recorded, "actualDigest": "\(algorithm):\(actual.hex(algorithm) ?? "")",
            "configuration": claim.isConfiguration ? "true" : "false",
        ]
        if claim.file.path != entry.path { facts["recordedPath"] = claim.file.path }
        if let database = package.locations.first { facts["database"] = database }
        if let changed = package.changedLayer { facts["databaseLayer"] = "\(changed)" }
        let layer = LayerReference(index: entry.layer, digest: layers[entry.layer].descriptor.digest.description)
        let evidence = Evidence(layer: layer, path: entry.path, entryName: entry.path, facts: facts)
        let owner = "\(package.type.rawValue) package \(package.name) \(package.version)"
        if claim.isConfiguration {
            return Finding(category: category, ruleID: modifiedConfigurationRule, severity: .low,
                           title: "Configuration file /\(entry.path) differs from \(owner)'s record",
                           detail: "Layer \(entry.layer) wrote content whose \(algorithm) digest is not the one the "
                               + "package database recorded. Configuration files are often edited on purpose; "
                               + "check that this edit is one the image's build made.",
                           evidence: evidence)
        }
        return Finding(category: category, ruleID: modifiedFileRule, severity: .high,
                       title: "Package file /\(entry.path) differs from \(owner)'s record",
                       detail: "Layer \(entry.layer) replaced the file outside the package manager: its \(algorithm) "
                           + "digest is not the one the package database recorded, and no later layer brought the "
                           + "database up to date. A working image whose package files were swapped is how a "
                           + "compromised build pipeline hides a payload.",
                       evidence: evidence)
    }
}

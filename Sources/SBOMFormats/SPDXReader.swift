import SBOM

/// Reads SPDX 2.2 and 2.3 JSON documents: ours (`SPDXWriter`), syft's and any other tool's.
enum SPDXReader {
    /// The versions read.
    static let specVersions: Set<String> = ["SPDX-2.2", "SPDX-2.3"]

    /// Package purposes that are not packages to match: the image itself and the like.
    static let nonPackagePurposes: Set<String> = ["CONTAINER", "FILE", "DEVICE", "FIRMWARE"]

    /// What licence fields hold when they say nothing.
    static let noLicense: Set<String> = ["NOASSERTION", "NONE"]

    /// The distribution and the packages of the document `root`.
    static func read(_ root: JSONNode, warnings: inout ReadWarnings) throws(SBOMReadError)
        -> (system: OperatingSystem?, packages: [Package]) {
        let versionNode = try root.required("spdxVersion")
        let version = try versionNode.string()
        guard specVersions.contains(version) else {
            throw .unsupportedVersion(source: root.source, format: "SPDX", version: version)
        }

        var system: OperatingSystem?
        var packages: [Package] = []
        for element in try root.elements("packages", limit: SBOMReader.maxPackages) {
            let purpose = try element.string("primaryPackagePurpose")
            let name = try element.required("name").string()
            if purpose == "OPERATING-SYSTEM" {
                if system == nil, !name.isEmpty {
                    system = OperatingSystem(id: name.lowercased(), versionID: try element.string("versionInfo"),
                                             prettyName: try element.string("description"))
                }
                continue
            }
            let purl = try self.purl(element)
            // The image is a package of the document, but not one to match; others of these purposes are kept
            // when a purl says what they are.
            if purpose == "CONTAINER" { continue }
            if purl == nil, let purpose, nonPackagePurposes.contains(purpose) { continue }
            var record = PackageRecord(name: name, version: try element.string("versionInfo"), purl: purl,
                                       path: element.path)
            record.licenses = try licenses(element)
            if let sourceInfo = try element.string("sourceInfo") { readSourceInfo(sourceInfo, into: &record) }
            if let package = SBOMReader.package(from: record, warnings: &warnings) { packages.append(package) }
        }
        return (system, packages)
    }

    /// The first `purl` external reference (category `PACKAGE-MANAGER`, or `PACKAGE_MANAGER` as SPDX 2.2 wrote it).
    static func purl(_ package: JSONNode) throws(SBOMReadError) -> String? {
        for reference in try package.elements("externalRefs", limit: SBOMReader.maxPackages) {
            guard try reference.string("referenceType") == "purl" else { continue }
            if let locator = try reference.string("referenceLocator") { return locator }
        }
        return nil
    }

    /// The declared licence expression, else the concluded one, unless they say `NOASSERTION` or `NONE`.
    static func licenses(_ package: JSONNode) throws(SBOMReadError) -> [String] {
        for field in ["licenseDeclared", "licenseConcluded"] {
            if let expression = try package.string(field), !noLicense.contains(expression) { return [expression] }
        }
        return []
    }

    /// What our writer records in `sourceInfo`, clauses separated by `; `: `found in var/lib/dpkg/status, …`,
    /// `introduced by layer 1 (sha256:…), last changed by layer 2 (sha256:…)`, `built from source glibc 2.36-9`.
    /// Trivy writes the source package as `built package from: glibc 2.28-10`; other tools' text (syft's
    /// `acquired package info from …`) matches none of the clauses and is ignored.
    static func readSourceInfo(_ sourceInfo: String, into record: inout PackageRecord) {
        for clause in sourceInfo.split(separator: "; ").map(String.init) {
            if clause.hasPrefix("found in ") {
                record.locations = clause.dropFirst("found in ".count).split(separator: ", ").map(String.init)
            } else if let prefix = ["built from source ", "built package from: "].first(where: clause.hasPrefix) {
                let words = clause.dropFirst(prefix.count).split(separator: " ", maxSplits: 1)
                record.sourceName = words.first.map(String.init)
                record.sourceVersion = words.count > 1 ? String(words[1]) : nil
            } else {
                for part in clause.split(separator: ", ") {
                    if let layer = layer(after: "introduced by layer ", in: part) { record.introducedLayer = layer }
                    if let layer = layer(after: "last changed by layer ", in: part) { record.changedLayer = layer }
                }
            }
        }
    }

    /// The layer number after `prefix` in `part` (`introduced by layer 1 (sha256:…)`), if `part` starts so.
    private static func layer(after prefix: String, in part: Substring) -> Int? {
        guard part.hasPrefix(prefix) else { return nil }
        return Int(part.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber })
    }
}

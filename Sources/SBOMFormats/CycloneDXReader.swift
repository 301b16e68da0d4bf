import SBOM

/// Reads CycloneDX JSON documents: ours (`CycloneDXWriter`), syft's and any other tool's.
enum CycloneDXReader {
    /// The versions read. 1.7 is included: it changes nothing in the fields read here.
    static let specVersions: Set<String> = ["1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]

    /// Component types that are not packages and are skipped without a warning: the image, files and the like.
    static let nonPackageTypes: Set<String> = ["container", "file", "firmware", "device", "data", "platform",
                                               "machine-learning-model", "cryptographic-asset", "device-driver"]

    /// The distribution and the packages of the document `root`.
    static func read(_ root: JSONNode, warnings: inout ReadWarnings) throws(SBOMReadError)
        -> (system: OperatingSystem?, packages: [Package]) {
        let format = try root.required("bomFormat")
        guard try format.string() == "CycloneDX" else { throw format.wrongType("\"CycloneDX\"") }
        let versionNode = try root.required("specVersion")
        let version = try versionNode.string()
        guard specVersions.contains(version) else {
            throw .unsupportedVersion(source: root.source, format: "CycloneDX", version: version)
        }

        var system: OperatingSystem?
        if let subject = try root.member("metadata")?.member("component"),
           try subject.string("type") == "operating-system" {
            system = try operatingSystem(subject)
        }
        var packages: [Package] = []
        for component in try allComponents(root) {
            let type = try component.required("type").string()
            if type == "operating-system" {
                if system == nil { system = try operatingSystem(component) }
                continue
            }
            let purl = try component.string("purl")
            // An image is not a package to match, whatever its purl; files and the like are kept when a purl says
            // what they are.
            if type == "container" { continue }
            if purl == nil, nonPackageTypes.contains(type) { continue }
            if let package = SBOMReader.package(from: try record(component, purl: purl), warnings: &warnings) {
                packages.append(package)
            }
        }
        return (system, packages)
    }

    /// Every component, nested ones (assemblies) included, in document order; at most `limit`.
    ///
    /// Walked with an explicit stack, not by recursion, and bounded in total: a document nesting a few components
    /// in each of many levels could otherwise multiply into more than the limit allows at any one level.
    static func allComponents(_ root: JSONNode, limit: Int = SBOMReader.maxPackages) throws(SBOMReadError)
        -> [JSONNode] {
        var found: [JSONNode] = []
        var pending = Array(try root.elements("components", limit: limit).reversed())
        while let component = pending.popLast() {
            found.append(component)
            pending += try component.elements("components", limit: limit).reversed()
            guard found.count + pending.count <= limit else {
                throw .tooManyPackages(source: root.source, path: component.path + ".components", limit: limit)
            }
        }
        return found
    }

    /// What a library-like component says of its package.
    static func record(_ component: JSONNode, purl: String?) throws(SBOMReadError) -> PackageRecord {
        let properties = try self.properties(component)
        func property(_ name: String) -> String? { properties.first { $0.name == name }?.value }
        func properties(_ prefix: String, suffix: String = "") -> [String] {
            properties.filter { $0.name.hasPrefix(prefix) && $0.name.hasSuffix(suffix) }.map(\.value)
        }

        var record = PackageRecord(name: try component.string("name") ?? "", version: try component.string("version"),
                                   purl: purl, group: try component.string("group"), path: component.path)
        record.declaredType = property("safeguard:package:type") ?? property("syft:package:type")
        record.licenses = try licenses(component)
        // Ours are root-relative (`safeguard:location:0`); syft's are absolute (`syft:location:0:path`).
        record.locations = properties.filter { $0.name.hasPrefix("safeguard:location:") }.map(\.value)
        if record.locations.isEmpty {
            record.locations = properties.filter { $0.name.hasPrefix("syft:location:") && $0.name.hasSuffix(":path") }
                .map { String($0.value.drop { $0 == "/" }) }
        }
        record.introducedLayer = property("safeguard:layer:introduced").flatMap { Int($0) }
        record.changedLayer = property("safeguard:layer:changed").flatMap { Int($0) }
        record.architecture = property("safeguard:package:architecture")
        record.sourceName = property("safeguard:package:source-name")
        record.sourceVersion = property("safeguard:package:source-version")
        return record
    }

    /// The distribution an `operating-system` component names: ours and syft's write the `os-release` ID as name
    /// and `VERSION_ID` as version.
    static func operatingSystem(_ component: JSONNode) throws(SBOMReadError) -> OperatingSystem? {
        guard let name = try component.string("name"), !name.isEmpty else { return nil }
        let properties = try self.properties(component)
        func property(_ name: String) -> String? { properties.first { $0.name == name }?.value }
        let like = properties.filter { $0.name == "safeguard:os:like" }.map(\.value)
        return OperatingSystem(
            id: property("syft:distro:id") ?? name.lowercased(),
            versionID: try component.string("version") ?? property("syft:distro:versionID"),
            prettyName: try component.string("description") ?? property("syft:distro:prettyName"),
            codename: property("safeguard:os:codename") ?? property("syft:distro:versionCodename"),
            like: like.isEmpty ? (property("syft:distro:idLike")?.split(separator: " ").map(String.init) ?? []) : like)
    }

    /// The component's `properties`, as name and value pairs; properties without a value are left out.
    static func properties(_ component: JSONNode) throws(SBOMReadError) -> [(name: String, value: String)] {
        var found: [(name: String, value: String)] = []
        for property in try component.elements("properties", limit: SBOMReader.maxPackages) {
            guard let name = try property.string("name"), let value = try property.string("value") else { continue }
            found.append((name, value))
        }
        return found
    }

    /// The licences of a component: SPDX identifiers, names and expressions, as written.
    static func licenses(_ component: JSONNode) throws(SBOMReadError) -> [String] {
        var found: [String] = []
        for choice in try component.elements("licenses", limit: SBOMReader.maxPackages) {
            if let expression = try choice.string("expression") {
                found.append(expression)
            } else if let license = try choice.member("license") {
                if let id = try license.string("id") {
                    found.append(id)
                } else if let name = try license.string("name") {
                    found.append(name)
                }
            }
        }
        return found
    }
}

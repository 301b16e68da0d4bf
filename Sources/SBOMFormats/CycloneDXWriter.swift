import SBOM

/// Writes an SBOM as a CycloneDX 1.6 JSON document.
public enum CycloneDXWriter {
    /// Renders `sbom` as CycloneDX 1.6 JSON, describing the image `subject` names.
    ///
    /// The image is `metadata.component` (type `container`); the distribution, when known, is an `operating-system`
    /// component; every package is a `library` component whose `bom-ref` is its purl. The image depends on the
    /// distribution and on every package, not only on those no other package depends on: it ships each of them, and
    /// dpkg's dependency cycles (`libc6` ↔ `libgcc-s1`) would leave a "top level" without some packages.
    /// - Parameters:
    ///   - sbom: What the catalogers found.
    ///   - subject: The image and the tool run the document describes.
    /// - Returns: The document, indented, keys sorted, ending in a newline.
    /// - Throws: `SBOMFormatError` when a digest of `subject` is malformed or a naming field is empty.
    public static func render(_ sbom: SoftwareBillOfMaterials, subject: SBOMSubject) throws -> String {
        try subject.validate()
        let image = imageComponent(subject)
        var components: [CycloneDX.Component] = []
        var taken: Set<String> = [subject.packageURL]
        var dependencies: [CycloneDX.Dependency] = []

        if let system = sbom.operatingSystem {
            let component = operatingSystemComponent(system, reference: uniqueReference(
                "operating-system:" + system.id + (system.versionID.map { "@" + $0 } ?? ""), taken: &taken))
            components.append(component)
            dependencies.append(CycloneDX.Dependency(ref: component.bomRef!, dependsOn: []))
        }

        let references = sbom.packages.map { package in
            uniqueReference(package.purl.isEmpty ? "package:\(package.identity)" : package.purl, taken: &taken)
        }
        let graph = DependencyGraph(sbom.packages)
        for (index, package) in sbom.packages.enumerated() {
            components.append(packageComponent(package, reference: references[index], subject: subject))
            dependencies.append(CycloneDX.Dependency(ref: references[index],
                                                     dependsOn: graph.dependencies[index].map { references[$0] }))
        }
        dependencies.insert(CycloneDX.Dependency(ref: image.bomRef!, dependsOn: components.compactMap(\.bomRef)), at: 0)

        let tool = CycloneDX.Component(type: "application", name: subject.toolName, version: subject.toolVersion)
        let bom = CycloneDX.BOM(
            serialNumber: "urn:uuid:" + serialUUID(subject),
            metadata: CycloneDX.Metadata(timestamp: subject.createdText, tools: CycloneDX.Tools(components: [tool]),
                                         component: image, properties: warningProperties(sbom.warnings)),
            components: components, dependencies: dependencies)
        return try JSONOutput.encode(bom, format: "CycloneDX")
    }

    /// The property each catalog warning becomes: a file a cataloger could not read may hide packages, so the BOM
    /// says so rather than claim to be complete.
    static let warningProperty = "safeguard:catalog:warning"

    static func warningProperties(_ warnings: [CatalogWarning]) -> [CycloneDX.Property]? {
        warnings.isEmpty ? nil : warnings.map { CycloneDX.Property(name: warningProperty, value: $0.summary) }
    }

    /// The serial number is derived, not random: the same image (manifest digest, and the index it came from)
    /// catalogued by the same tool version gives the same inventory, so it is the same BOM, and a saved report
    /// rendered again yields a byte-identical document that diffs cleanly. A new tool version may catalog
    /// differently, so it names a new BOM.
    static func serialUUID(_ subject: SBOMSubject) -> String {
        NameBasedUUID.make(["cyclonedx", subject.toolName, subject.toolVersion, subject.manifestDigest,
                            subject.indexDigest ?? ""].joined(separator: "\n"))
    }

    /// `reference`, or with `#2`, `#3`… appended when an earlier component took it; `bom-ref`s must be unique.
    static func uniqueReference(_ reference: String, taken: inout Set<String>) -> String {
        UniqueNames.claim(reference, separator: "#", taken: &taken)
    }
}

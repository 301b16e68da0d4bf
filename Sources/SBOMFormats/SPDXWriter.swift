import SBOM

/// Writes an SBOM as an SPDX 2.3 JSON document.
public enum SPDXWriter {
    /// Renders `sbom` as SPDX 2.3 JSON, describing the image `subject` names.
    ///
    /// The document DESCRIBES the image package (purpose `CONTAINER`); the image CONTAINS the distribution (purpose
    /// `OPERATING-SYSTEM`) and every package; packages DEPENDS_ON each other by the rule of `DependencyGraph`.
    /// Licences not on the SPDX list are declared as `LicenseRef-`s, so the document stays valid.
    /// - Parameters:
    ///   - sbom: What the catalogers found.
    ///   - subject: The image and the tool run the document describes.
    /// - Returns: The document, indented, keys sorted, ending in a newline.
    /// - Throws: `SBOMFormatError` when a digest of `subject` is malformed or a naming field is empty.
    public static func render(_ sbom: SoftwareBillOfMaterials, subject: SBOMSubject) throws -> String {
        try subject.validate()
        let image = imagePackage(subject)
        var packages = [image]
        var relationships = [SPDX.Relationship(spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES",
                                               relatedSpdxElement: image.spdxID)]
        var taken: Set<String> = ["SPDXRef-DOCUMENT", image.spdxID]

        if let system = sbom.operatingSystem {
            let package = operatingSystemPackage(system)
            taken.insert(package.spdxID)
            packages.append(package)
            relationships.append(contains(image, package))
        }

        var licenses = SPDXLicenseReferences()
        let identifiers = sbom.packages.map { uniqueIdentifier(for: $0, taken: &taken) }
        for (index, package) in sbom.packages.enumerated() {
            let element = self.package(package, identifier: identifiers[index], subject: subject,
                                       licenseDeclared: licenses.declared(package.licenses))
            packages.append(element)
            relationships.append(contains(image, element))
        }
        let graph = DependencyGraph(sbom.packages)
        for (index, dependencies) in graph.dependencies.enumerated() {
            for dependency in dependencies {
                relationships.append(SPDX.Relationship(spdxElementId: identifiers[index],
                                                       relationshipType: "DEPENDS_ON",
                                                       relatedSpdxElement: identifiers[dependency]))
            }
        }

        let tool = "Tool: \(subject.toolName)-\(subject.toolVersion)"
        // A file a cataloger could not read may hide packages: the document says so, or it would claim too much.
        let annotations = sbom.warnings.map { warning in
            SPDX.Annotation(annotationDate: subject.createdText, annotator: tool, comment: warning.summary)
        }
        let document = SPDX.Document(
            name: subject.reference, documentNamespace: documentNamespace(subject),
            creationInfo: SPDX.CreationInfo(created: subject.createdText, creators: [tool]),
            packages: packages, relationships: relationships,
            hasExtractedLicensingInfos: licenses.extracted.isEmpty ? nil : licenses.extracted,
            annotations: annotations.isEmpty ? nil : annotations)
        return try JSONOutput.encode(document, format: "SPDX")
    }

    /// A namespace derived from the image, not random, for the reason `CycloneDXWriter.serialUUID` gives: the same
    /// image catalogued by the same tool version is the same document. SPDX asks for a URI under a domain the
    /// creator names; like the spec's examples, it lives under `spdx.org/spdxdocs`.
    static func documentNamespace(_ subject: SBOMSubject) -> String {
        let uuid = NameBasedUUID.make(["spdx", subject.toolName, subject.toolVersion, subject.manifestDigest,
                                       subject.indexDigest ?? ""].joined(separator: "\n"))
        return "https://spdx.org/spdxdocs/\(SPDXIdentifier.sanitize(subject.toolName))/"
            + SPDXIdentifier.sanitize(subject.imageName) + "-" + uuid
    }

    /// `SPDXRef-Package-<type>-<sanitised name>-<hash>`; the hash of the package's identity and locations keeps
    /// apart names that sanitise alike, and a counter any that still meet.
    static func uniqueIdentifier(for package: Package, taken: inout Set<String>) -> String {
        let base = "SPDXRef-Package-\(package.type.rawValue)-\(SPDXIdentifier.sanitize(package.name))-"
            + SPDXIdentifier.hash(([package.identity, package.purl] + package.locations).joined(separator: "\n"))
        return UniqueNames.claim(base, separator: "-", taken: &taken)
    }

    private static func contains(_ image: SPDX.Package, _ element: SPDX.Package) -> SPDX.Relationship {
        SPDX.Relationship(spdxElementId: image.spdxID, relationshipType: "CONTAINS", relatedSpdxElement: element.spdxID)
    }
}

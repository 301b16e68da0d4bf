/// The parts of an SPDX 2.3 JSON document the writer fills, keys as the spec spells them.
enum SPDX {
    /// The whole document.
    struct Document: Encodable {
        var spdxVersion = "SPDX-2.3"
        var dataLicense = "CC0-1.0"
        var spdxID = "SPDXRef-DOCUMENT"
        var name: String
        var documentNamespace: String
        var creationInfo: CreationInfo
        var packages: [Package]
        var relationships: [Relationship]
        var hasExtractedLicensingInfos: [ExtractedLicense]?
        var annotations: [Annotation]?

        enum CodingKeys: String, CodingKey {
            case spdxVersion, dataLicense, spdxID = "SPDXID", name, documentNamespace, creationInfo, packages,
                 relationships, hasExtractedLicensingInfos, annotations
        }
    }

    /// A remark about the document by the tool that wrote it: here, a file a cataloger could not read.
    struct Annotation: Encodable {
        var annotationDate: String
        var annotationType = "OTHER"
        var annotator: String
        var comment: String
    }

    /// When and by what the document was made.
    struct CreationInfo: Encodable {
        var created: String
        var creators: [String]
    }

    /// A package: the image, the distribution or a catalogued package.
    struct Package: Encodable {
        var spdxID: String
        var name: String
        var versionInfo: String?
        var downloadLocation = "NOASSERTION"
        var filesAnalyzed = false
        var licenseConcluded = "NOASSERTION"
        var licenseDeclared = "NOASSERTION"
        var copyrightText = "NOASSERTION"
        var checksums: [Checksum]?
        var externalRefs: [ExternalReference]?
        var sourceInfo: String?
        var primaryPackagePurpose: String?
        var description: String?

        enum CodingKeys: String, CodingKey {
            case spdxID = "SPDXID", name, versionInfo, downloadLocation, filesAnalyzed, licenseConcluded,
                 licenseDeclared, copyrightText, checksums, externalRefs, sourceInfo, primaryPackagePurpose,
                 description
        }
    }

    /// A digest of a package.
    struct Checksum: Encodable {
        var algorithm: String
        var checksumValue: String
    }

    /// A reference to the package outside the document; here, its purl.
    struct ExternalReference: Encodable {
        var referenceCategory: String
        var referenceType: String
        var referenceLocator: String
    }

    /// A typed edge between two elements.
    struct Relationship: Encodable {
        var spdxElementId: String
        var relationshipType: String
        var relatedSpdxElement: String
    }

    /// A licence the document names by `LicenseRef-` because it is not on the SPDX list.
    struct ExtractedLicense: Encodable {
        var licenseId: String
        var extractedText: String
        var name: String
        var comment: String
    }
}

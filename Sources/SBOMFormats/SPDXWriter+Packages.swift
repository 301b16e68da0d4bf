import SBOM

extension SPDXWriter {
    /// The image: its name, the manifest digest as version and checksum, the `oci` purl.
    static func imagePackage(_ subject: SBOMSubject) -> SPDX.Package {
        let digest = subject.manifestDigestParts
        let algorithms = ["sha256": "SHA256", "sha384": "SHA384", "sha512": "SHA512"]
        var description = "Image \(subject.reference), platform \(subject.platform)"
        if let indexDigest = subject.indexDigest { description += ", chosen from index \(indexDigest)" }
        return SPDX.Package(
            spdxID: "SPDXRef-Image", name: subject.imageName, versionInfo: subject.manifestDigest,
            checksums: algorithms[digest.algorithm].map { [SPDX.Checksum(algorithm: $0, checksumValue: digest.hex)] },
            externalRefs: [purlReference(subject.packageURL)], primaryPackagePurpose: "CONTAINER",
            description: description + ".")
    }

    /// The distribution, from `os-release`.
    static func operatingSystemPackage(_ system: OperatingSystem) -> SPDX.Package {
        SPDX.Package(spdxID: "SPDXRef-OperatingSystem", name: system.id, versionInfo: system.versionID,
                     primaryPackagePurpose: "OPERATING-SYSTEM", description: system.prettyName)
    }

    /// A package, with where it was found (layers, database files) in `sourceInfo`.
    static func package(_ package: Package, identifier: String, subject: SBOMSubject, licenseDeclared: String)
        -> SPDX.Package {
        SPDX.Package(spdxID: identifier, name: package.name,
                     versionInfo: package.version.isEmpty ? nil : package.version, licenseDeclared: licenseDeclared,
                     externalRefs: package.purl.isEmpty ? nil : [purlReference(package.purl)],
                     sourceInfo: sourceInfo(package, subject: subject))
    }

    /// `found in var/lib/dpkg/status; introduced by layer 1 (sha256:…), last changed by layer 2; built from source
    /// glibc 2.36-9`.
    static func sourceInfo(_ package: Package, subject: SBOMSubject) -> String {
        var parts: [String] = []
        if !package.locations.isEmpty { parts.append("found in " + package.locations.joined(separator: ", ")) }
        var layers: [String] = []
        for (verb, layer) in [("introduced by", package.introducedLayer), ("last changed by", package.changedLayer)] {
            guard let layer else { continue }
            layers.append("\(verb) layer \(layer)" + (subject.layerDigest(layer).map { " (\($0))" } ?? ""))
        }
        if !layers.isEmpty { parts.append(layers.joined(separator: ", ")) }
        if let sourceName = package.sourceName {
            parts.append("built from source \(sourceName) \(package.sourceVersion ?? package.version)")
        }
        return parts.isEmpty ? "catalogued by \(subject.toolName)" : parts.joined(separator: "; ")
    }

    private static func purlReference(_ purl: String) -> SPDX.ExternalReference {
        SPDX.ExternalReference(referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: purl)
    }
}

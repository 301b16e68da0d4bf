import SBOM

extension CycloneDXWriter {
    /// The image: name, the manifest digest as version and hash, the `oci` purl.
    static func imageComponent(_ subject: SBOMSubject) -> CycloneDX.Component {
        let digest = subject.manifestDigestParts
        let algorithms = ["sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512"]
        var properties = [CycloneDX.Property(name: "safeguard:image:reference", value: subject.reference),
                          CycloneDX.Property(name: "safeguard:image:platform", value: subject.platform)]
        if let indexDigest = subject.indexDigest {
            properties.append(CycloneDX.Property(name: "safeguard:image:index-digest", value: indexDigest))
        }
        return CycloneDX.Component(
            type: "container", bomRef: subject.packageURL, name: subject.imageName, version: subject.manifestDigest,
            hashes: algorithms[digest.algorithm].map { [CycloneDX.Hash(alg: $0, content: digest.hex)] },
            purl: subject.packageURL, properties: properties)
    }

    /// The distribution, from `os-release`.
    static func operatingSystemComponent(_ system: OperatingSystem, reference: String) -> CycloneDX.Component {
        var properties: [CycloneDX.Property] = []
        if let codename = system.codename {
            properties.append(CycloneDX.Property(name: "safeguard:os:codename", value: codename))
        }
        for like in system.like { properties.append(CycloneDX.Property(name: "safeguard:os:like", value: like)) }
        return CycloneDX.Component(type: "operating-system", bomRef: reference, name: system.id,
                                   version: system.versionID, description: system.prettyName,
                                   properties: properties.isEmpty ? nil : properties)
    }

    /// A package, with where it was found (layers, database files) as properties.
    static func packageComponent(_ package: Package, reference: String, subject: SBOMSubject)
        -> CycloneDX.Component {
        var properties = [CycloneDX.Property(name: "safeguard:package:type", value: package.type.rawValue)]
        for (name, layer) in [("introduced", package.introducedLayer), ("changed", package.changedLayer)] {
            guard let layer else { continue }
            properties.append(CycloneDX.Property(name: "safeguard:layer:\(name)", value: String(layer)))
            if let digest = subject.layerDigest(layer) {
                properties.append(CycloneDX.Property(name: "safeguard:layer:\(name):digest", value: digest))
            }
        }
        let optional = [("safeguard:package:architecture", package.architecture),
                        ("safeguard:package:source-name", package.sourceName),
                        ("safeguard:package:source-version", package.sourceVersion)]
        for (name, value) in optional {
            if let value { properties.append(CycloneDX.Property(name: name, value: value)) }
        }
        for (index, location) in package.locations.enumerated() {
            properties.append(CycloneDX.Property(name: "safeguard:location:\(index)", value: location))
        }
        return CycloneDX.Component(type: "library", bomRef: reference, name: package.name,
                                   version: package.version.isEmpty ? nil : package.version,
                                   licenses: licenses(package.licenses),
                                   purl: package.purl.isEmpty ? nil : package.purl, properties: properties)
    }
}

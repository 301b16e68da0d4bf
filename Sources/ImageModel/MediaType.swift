/// The media types of the OCI image spec and Docker's image manifest v2 schema 2 that Safeguard reads.
public enum MediaType {
    /// An OCI image manifest.
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    /// An OCI image index.
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    /// An OCI image config.
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    /// A Docker v2 schema 2 manifest.
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    /// A Docker manifest list.
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    /// A Docker image config.
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    /// A Docker v2 schema 1 manifest, signed or not: obsolete, and not read.
    public static let dockerSchema1 = ["application/vnd.docker.distribution.manifest.v1+json",
                                       "application/vnd.docker.distribution.manifest.v1+prettyjws"]

    /// Whether `text` has RFC 6838's `type/subtype` shape, as the OCI descriptor schema requires.
    public static func isWellFormed(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy(isRestrictedName)
    }

    // restricted-name = alphanumeric, then up to 126 of alphanumerics and !#$&^_.+-
    private static func isRestrictedName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 127,
              first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "!#$&^_.+-".unicodeScalars.contains(scalar))
        }
    }

    /// Every manifest and index type, in the order a registry's `Accept` header should list them.
    public static let acceptedManifests = [ociIndex, dockerManifestList, ociManifest, dockerManifest]

    /// Layer media types and the compression each implies.
    public static let layerTypes: [String: LayerCompression] = [
        "application/vnd.oci.image.layer.v1.tar": .none,
        "application/vnd.oci.image.layer.v1.tar+gzip": .gzip,
        "application/vnd.oci.image.layer.v1.tar+zstd": .zstd,
        "application/vnd.oci.image.layer.nondistributable.v1.tar": .none,
        "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip": .gzip,
        "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd": .zstd,
        "application/vnd.docker.image.rootfs.diff.tar": .none,
        "application/vnd.docker.image.rootfs.diff.tar.gzip": .gzip,
        "application/vnd.docker.image.rootfs.diff.tar.zstd": .zstd,
        "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip": .gzip,
    ]
}

/// How a layer blob is compressed.
public enum LayerCompression: String, Sendable, Codable {
    case gzip
    case zstd
    case none
}

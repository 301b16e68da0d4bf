/// One installed package, as a cataloger found it in the image.
public struct Package: Codable, Sendable, Hashable {
    /// The package's name in its ecosystem, e.g. `libc6`, `requests`, `org.apache.commons:commons-lang3`.
    public var name: String
    /// The version exactly as the package database records it, e.g. `2.36-9+deb12u4` (epoch included).
    public var version: String
    /// The ecosystem.
    public var type: PackageType
    /// The package URL (purl-spec), e.g. `pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12`.
    public var purl: String
    /// Licence expressions or names the package declares, as written.
    public var licenses: [String]
    /// The files the package was found through (database, metadata file, binary), root-relative.
    public var locations: [String]
    /// The layer that first brought this name and version in (of the run of layers that still have it).
    public var introducedLayer: Int?
    /// The layer that last changed the package's record or files.
    public var changedLayer: Int?
    /// The CPU architecture the package is built for, when recorded (`amd64`, `x86_64`, `all`).
    public var architecture: String?
    /// The source package it was built from and its version, when recorded (dpkg `Source`, apk origin, rpm SRPM).
    public var sourceName: String?
    /// The source version, when it differs from `version`.
    public var sourceVersion: String?
    /// Names of packages this one depends on, as its database records them (alternatives kept as written).
    public var dependencies: [String]
    /// Virtual names the package provides, which others may depend on (dpkg `Provides`, apk `p:`), without
    /// versions.
    public var provides: [String]
    /// Files the package installed, with the digests its database recorded, when it records them.
    public var files: [PackageFile]

    /// Creates a package.
    public init(name: String, version: String, type: PackageType, purl: String, licenses: [String] = [],
                locations: [String] = [], introducedLayer: Int? = nil, changedLayer: Int? = nil,
                architecture: String? = nil, sourceName: String? = nil, sourceVersion: String? = nil,
                dependencies: [String] = [], provides: [String] = [], files: [PackageFile] = []) {
        self.name = name
        self.version = version
        self.type = type
        self.purl = purl
        self.licenses = licenses
        self.locations = locations
        self.introducedLayer = introducedLayer
        self.changedLayer = changedLayer
        self.architecture = architecture
        self.sourceName = sourceName
        self.sourceVersion = sourceVersion
        self.dependencies = dependencies
        self.provides = provides
        self.files = files
    }

    /// What identifies the package across layers: its ecosystem, name, version and architecture.
    public var identity: String { "\(type.rawValue)/\(name)@\(version)/\(architecture ?? "")" }
}

/// A package's ecosystem, named as purl types name them.
public enum PackageType: String, Codable, Sendable, Hashable, CaseIterable {
    case deb, apk, rpm, pypi, npm, golang, maven, gem, cargo, composer
}

/// A file a package installed, with the digest its database recorded.
public struct PackageFile: Codable, Sendable, Hashable {
    /// Root-relative path.
    public var path: String
    /// The recorded digest as `algorithm:hex` (`md5:…`, `sha256:…`), when recorded.
    public var digest: String?
    /// Whether the package marks the file as configuration (dpkg conffiles, rpm %config).
    public var isConfiguration: Bool

    /// Creates a file record.
    public init(path: String, digest: String? = nil, isConfiguration: Bool = false) {
        self.path = path
        self.digest = digest
        self.isConfiguration = isConfiguration
    }
}

/// The distribution the image is built on, from `os-release` or the distribution's own files.
public struct OperatingSystem: Codable, Sendable, Hashable {
    /// `ID`, e.g. `debian`, `alpine`, `rhel`.
    public var id: String
    /// `VERSION_ID`, e.g. `12`, `3.19.1`.
    public var versionID: String?
    /// `PRETTY_NAME`.
    public var prettyName: String?
    /// `VERSION_CODENAME`, e.g. `bookworm`.
    public var codename: String?
    /// `ID_LIKE`, e.g. `["debian"]`.
    public var like: [String]

    /// Creates an operating system record.
    public init(id: String, versionID: String? = nil, prettyName: String? = nil, codename: String? = nil,
                like: [String] = []) {
        self.id = id
        self.versionID = versionID
        self.prettyName = prettyName
        self.codename = codename
        self.like = like
    }
}

/// A file a cataloger could not read, and why; the scan goes on without it.
public struct CatalogWarning: Codable, Sendable, Hashable {
    /// The cataloger, e.g. `dpkg`.
    public var cataloger: String
    /// The root-relative path of the file.
    public var path: String
    /// What was wrong with it.
    public var message: String
    /// The layer whose version of the file it was, when known.
    public var layer: Int?

    /// Creates a warning.
    public init(cataloger: String, path: String, message: String, layer: Int? = nil) {
        self.cataloger = cataloger
        self.path = path
        self.message = message
        self.layer = layer
    }

    /// One line for SBOM documents and logs: `dpkg: var/lib/dpkg/status (layer 2): what was wrong`.
    public var summary: String {
        "\(cataloger): \(path)" + (layer.map { " (layer \($0))" } ?? "") + ": " + message
    }
}

/// What the catalogers found in one image: the report's `sbom` section, and the input to SBOM writers.
public struct SoftwareBillOfMaterials: Codable, Sendable, Hashable {
    /// The distribution, if one was recognised.
    public var operatingSystem: OperatingSystem?
    /// Every package, sorted by type, name, version.
    public var packages: [Package]
    /// Files that could not be read.
    public var warnings: [CatalogWarning]

    /// No distribution, no packages.
    public static let empty = SoftwareBillOfMaterials(operatingSystem: nil, packages: [], warnings: [])

    /// Creates an SBOM.
    public init(operatingSystem: OperatingSystem?, packages: [Package], warnings: [CatalogWarning]) {
        self.operatingSystem = operatingSystem
        self.packages = packages
        self.warnings = warnings
    }
}

import Findings
import ImageModel
import Lineage
import Provenance
import SBOM
import Vulnerabilities

/// The report: one versioned JSON document that everything after the scan consumes.
///
/// Its field names and finding categories are a contract; add fields, never rename them, and bump
/// `schemaVersion` when a change would break a consumer.
public struct ScanReport: Codable, Sendable {
    /// The version of this document's shape.
    public var schemaVersion = ScanReport.currentSchemaVersion
    /// What produced it.
    public var tool: Tool
    /// The image that was scanned.
    public var image: ImageSummary
    /// Each layer, base first.
    public var layers: [LayerSummary]
    /// The build history, every step including those that made no layer.
    public var history: [HistoryStep]
    /// Counts of the final filesystem.
    public var filesystem: FileSystemSummary
    /// Setuid and setgid files of the final filesystem, flagged or not: the inventory to review.
    public var privilegedFiles: [FileRecord]
    /// The distribution and packages, each attributed to its layers.
    public var sbom: SoftwareBillOfMaterials?
    /// Known vulnerabilities of the SBOM's packages, VEX-suppressed matches and packages not checked; nil when no
    /// advisory database was used. Each match is also a `vulnerability` finding.
    public var vulnerabilities: VulnerabilityReport?
    /// The signatures and attestations found beside the image and what verifying them gave; nil unless the scan
    /// was given a signer (`--key`, `--certificate-identity`). Its problems are also `signature.*` and
    /// `provenance.*` findings.
    public var provenance: ProvenanceReport?
    /// The base image and how it was decided, with the layers, packages and vulnerabilities split into base and
    /// application; nil in reports written before lineage existed. Its problems are also `lineage.*` findings.
    public var lineage: LineageReport?
    /// What the scan found.
    public var findings: [Finding]

    /// The shape version this code writes.
    public static let currentSchemaVersion = "1"

    /// Creates a report.
    public init(tool: Tool, image: ImageSummary, layers: [LayerSummary], history: [HistoryStep],
                filesystem: FileSystemSummary, privilegedFiles: [FileRecord], sbom: SoftwareBillOfMaterials?,
                findings: [Finding]) {
        self.tool = tool
        self.image = image
        self.layers = layers
        self.history = history
        self.filesystem = filesystem
        self.privilegedFiles = privilegedFiles
        self.sbom = sbom
        self.findings = findings
    }

    /// The highest severity among the findings, if any.
    public var highestSeverity: Severity? { findings.map(\.severity).max() }
}

/// The program that wrote a report.
public struct Tool: Codable, Sendable {
    /// Always `safeguard`.
    public var name: String
    /// Its version.
    public var version: String

    /// Creates a tool record.
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}

/// The scanned image's identity and configuration.
public struct ImageSummary: Codable, Sendable {
    /// The image as the user named it, transport included (`docker://…`, `oci:…`).
    public var location: String
    /// The fully qualified reference pinned to the manifest digest, for registry images (`name:tag@sha256:…`).
    public var reference: String?
    /// The manifest digest: the image's identity.
    public var digest: Digest
    /// The digest of the index the manifest was chosen from, if any.
    public var indexDigest: Digest?
    /// The manifest's media type.
    public var mediaType: String
    /// `os/arch[/variant]`.
    public var platform: String
    /// The platforms the index offered.
    public var availablePlatforms: [String]?
    /// The config's digest.
    public var configDigest: Digest
    /// When the image was created, as its config says.
    public var created: String?
    /// The author, as the config says.
    public var author: String?
    /// How the image runs.
    public var config: RuntimeSummary
}

/// The runtime part of the config, as `docker inspect` shows it.
public struct RuntimeSummary: Codable, Sendable {
    /// The user the process runs as.
    public var user: String?
    /// The working directory.
    public var workingDir: String?
    /// The entrypoint.
    public var entrypoint: [String]?
    /// The default command.
    public var cmd: [String]?
    /// Environment variables as `NAME=value`.
    public var env: [String]?
    /// Labels.
    public var labels: [String: String]?
    /// Exposed ports, sorted.
    public var exposedPorts: [String]?
    /// Declared volumes, sorted.
    public var volumes: [String]?
    /// The stop signal.
    public var stopSignal: String?

    /// Creates a runtime summary.
    public init(user: String?, workingDir: String?, entrypoint: [String]?, cmd: [String]?, env: [String]?,
                labels: [String: String]?, exposedPorts: [String]?, volumes: [String]?, stopSignal: String?) {
        self.user = user
        self.workingDir = workingDir
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.env = env
        self.labels = labels
        self.exposedPorts = exposedPorts
        self.volumes = volumes
        self.stopSignal = stopSignal
    }
}

/// One layer of the image.
public struct LayerSummary: Codable, Sendable {
    /// Position in the manifest, base first.
    public var index: Int
    /// The digest the manifest gives.
    public var digest: Digest
    /// The layer's media type.
    public var mediaType: String
    /// The compressed size the manifest gives.
    public var size: Int64
    /// The size of the uncompressed tar.
    public var uncompressedSize: Int64
    /// The digest of the uncompressed tar, as computed; absent when the layer could not be read to its end.
    public var diffID: Digest?
    /// Whether the blob matched its digest, and the tar its diff_id.
    public var verified: Bool
    /// Paths the layer added.
    public var filesAdded: Int
    /// Paths the layer changed.
    public var filesChanged: Int
    /// Paths the layer deleted.
    public var filesDeleted: Int
    /// The history step that made the layer, when history can be matched to layers.
    public var createdBy: String?
}

/// One step of the build history.
public struct HistoryStep: Codable, Sendable {
    /// When it ran.
    public var created: String?
    /// The command.
    public var createdBy: String?
    /// A comment.
    public var comment: String?
    /// Whether it made no layer.
    public var emptyLayer: Bool
    /// The layer it made, when it made one and history matches the layers.
    public var layer: Int?
}

/// Counts of the final filesystem.
public struct FileSystemSummary: Codable, Sendable {
    /// Regular files.
    public var files: Int
    /// Directories.
    public var directories: Int
    /// Symbolic links.
    public var symlinks: Int
    /// Hard links.
    public var hardlinks: Int
    /// Devices, FIFOs and other special files.
    public var special: Int
    /// Total bytes of regular files.
    public var totalFileBytes: Int64
    /// Regular files with setuid.
    public var setuid: Int
    /// Regular files with setgid.
    public var setgid: Int
}

/// One file of the final filesystem, for inventories.
public struct FileRecord: Codable, Sendable, Hashable {
    /// The path relative to the root.
    public var path: String
    /// Permission and special bits in octal, e.g. `4755`.
    public var mode: String
    /// The owner's user ID.
    public var uid: Int
    /// The owner's group ID.
    public var gid: Int
    /// The size in bytes.
    public var size: Int64
    /// The layer that wrote it.
    public var layer: Int

    /// Creates a record.
    public init(path: String, mode: String, uid: Int, gid: Int, size: Int64, layer: Int) {
        self.path = path
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
        self.layer = layer
    }
}

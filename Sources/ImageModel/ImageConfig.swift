import Foundation

/// An image config (OCI image config or Docker container image v1): how to run the image and how it was built.
public struct ImageConfig: Codable, Hashable, Sendable {
    /// The CPU architecture.
    public var architecture: String?
    /// The operating system.
    public var os: String?
    /// The architecture variant.
    public var variant: String?
    /// The OS version (Windows).
    public var osVersion: String?
    /// When the image was created, as written (RFC 3339).
    public var created: String?
    /// Who built it, as written.
    public var author: String?
    /// The runtime configuration.
    public var config: RuntimeConfig?
    /// The layers' uncompressed digests.
    public var rootfs: RootFS?
    /// The build history, one entry per build step, including steps that made no layer.
    public var history: [HistoryEntry]?

    enum CodingKeys: String, CodingKey {
        case architecture, os, variant, created, author, config, rootfs, history
        case osVersion = "os.version"
    }

    /// The largest config Safeguard reads. Real configs are a few KiB; a long history with large
    /// labels stays well under this, while a hostile config cannot make us allocate without bound.
    public static let maxSize = 16 * 1024 * 1024

    /// Parses a config.
    /// - Throws: `ModelError.invalidDocument` naming `origin` and the field that failed.
    public static func parse(_ bytes: [UInt8], origin: String) throws -> ImageConfig {
        do {
            return try JSONDecoder().decode(ImageConfig.self, from: Data(bytes))
        } catch {
            throw ModelError.invalidDocument(what: "image config \(origin)", reason: describe(error))
        }
    }

    /// The platform the config declares.
    public var platform: Platform {
        Platform(os: os ?? "unknown", architecture: architecture ?? "unknown", variant: variant, osVersion: osVersion)
    }
}

/// The part of the config a container runtime uses.
public struct RuntimeConfig: Codable, Hashable, Sendable {
    /// The user the process runs as, `name` or `uid[:gid]`.
    public var user: String?
    /// Ports the image says it listens on, e.g. `80/tcp`.
    public var exposedPorts: [String: EmptyObject]?
    /// Environment variables as `NAME=value`.
    public var env: [String]?
    /// The entrypoint command.
    public var entrypoint: [String]?
    /// The default arguments, or command when there is no entrypoint.
    public var cmd: [String]?
    /// Paths declared as volumes.
    public var volumes: [String: EmptyObject]?
    /// The working directory of the process.
    public var workingDir: String?
    /// Image labels.
    public var labels: [String: String]?
    /// The signal that stops the container.
    public var stopSignal: String?

    enum CodingKeys: String, CodingKey {
        case user = "User", exposedPorts = "ExposedPorts", env = "Env", entrypoint = "Entrypoint", cmd = "Cmd"
        case volumes = "Volumes", workingDir = "WorkingDir", labels = "Labels", stopSignal = "StopSignal"
    }
}

/// The `{}` values of `ExposedPorts` and `Volumes`; whatever they hold is ignored.
public struct EmptyObject: Codable, Hashable, Sendable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws { _ = encoder.container(keyedBy: NoKeys.self) }
    private enum NoKeys: CodingKey {}
}

/// The config's list of uncompressed layer digests.
public struct RootFS: Codable, Hashable, Sendable {
    /// Always `layers`.
    public var type: String
    /// The digest of each layer's uncompressed tar, base first.
    public var diffIDs: [Digest]

    enum CodingKeys: String, CodingKey {
        case type
        case diffIDs = "diff_ids"
    }
}

/// One step of the build history.
public struct HistoryEntry: Codable, Hashable, Sendable {
    /// When the step ran, as written.
    public var created: String?
    /// The command that made this step, e.g. `RUN apt-get install …`.
    public var createdBy: String?
    /// Who ran the step, as written.
    public var author: String?
    /// A free-text comment.
    public var comment: String?
    /// True when the step made no layer (ENV, LABEL, CMD …).
    public var emptyLayer: Bool?

    enum CodingKeys: String, CodingKey {
        case created, author, comment
        case createdBy = "created_by"
        case emptyLayer = "empty_layer"
    }
}

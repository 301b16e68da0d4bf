import Foundation
import ImageModel

/// A `docker save` tar file (`manifest.json` with `Config`, `RepoTags` and `Layers`), read in place.
///
/// Such archives carry no manifest, so one is synthesised: the config's digest is taken from its bytes, and each
/// layer's digest from the config's `diff_ids` (the layers are stored uncompressed, so the two coincide when the
/// archive is honest; a layer that does not hash to its diff_id is reported as a mismatch).
public struct DockerArchiveSource: ImageSource {
    public let location: ImageLocation
    private let archive: ArchiveIndex
    private let manifest: ImageManifest
    private let manifestBytes: [UInt8]
    /// Where each blob digest lives in the archive.
    private let blobPaths: [Digest: String]

    private struct Entry: Decodable {
        var config: String
        var repoTags: [String]?
        var layers: [String]

        enum CodingKeys: String, CodingKey {
            case config = "Config", repoTags = "RepoTags", layers = "Layers"
        }
    }

    /// Indexes the archive and synthesises the manifest of the selected image.
    /// - Throws: `SourceError` when `manifest.json` is missing or malformed, or `reference` matches no image.
    public init(path: String, reference: String?) throws {
        self.location = .dockerArchive(path: path, reference: reference)
        let archive = try ArchiveIndex(path: path)
        guard let bytes = try archive.read("manifest.json", limit: ManifestDocument.maxSize) else {
            throw SourceError.invalidLayout(path, reason: "no manifest.json in the archive (is it a docker save file?)")
        }
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode([Entry].self, from: Data(bytes))
        } catch {
            throw SourceError.invalidLayout(path, reason: "manifest.json: \(describe(error))")
        }
        let entry = try Self.select(entries, reference: reference, path: path)

        guard let configMember = archive.member(entry.config) else {
            throw SourceError.invalidLayout(path, reason: "config \(entry.config) named by manifest.json is missing")
        }
        guard let configBytes = try archive.read(entry.config, limit: ImageConfig.maxSize) else {
            throw SourceError.invalidLayout(path, reason: "config \(entry.config) is missing")
        }
        let configDigest = Digest.of(configBytes)
        let config = try ImageConfig.parse(configBytes, origin: "\(path): \(entry.config)")
        let diffIDs = config.rootfs?.diffIDs ?? []
        guard diffIDs.count == entry.layers.count else {
            throw SourceError.invalidLayout(path, reason:
                "manifest.json lists \(entry.layers.count) layers but the config has \(diffIDs.count) diff_ids")
        }

        var blobPaths = [configDigest: entry.config]
        var layers: [Descriptor] = []
        for (name, diffID) in zip(entry.layers, diffIDs) {
            guard let member = archive.member(name) else {
                throw SourceError.invalidLayout(path, reason: "layer \(name) named by manifest.json is missing")
            }
            blobPaths[diffID] = name
            layers.append(Descriptor(mediaType: "application/vnd.docker.image.rootfs.diff.tar", digest: diffID,
                                     size: member.size))
        }
        let manifest = ImageManifest(
            schemaVersion: 2, mediaType: MediaType.dockerManifest,
            config: Descriptor(mediaType: MediaType.dockerConfig, digest: configDigest, size: configMember.size),
            layers: layers)
        self.archive = archive
        self.manifest = manifest
        self.manifestBytes = try JSONEncoder.canonical.encode(manifest).map { $0 }
        self.blobPaths = blobPaths
    }

    private static func select(_ entries: [Entry], reference: String?, path: String) throws -> Entry {
        let tags = entries.flatMap { $0.repoTags ?? [] }
        if let reference {
            // An `@N` selector picks by position, as skopeo's docker-archive transport allows.
            if reference.hasPrefix("@"), let position = Int(reference.dropFirst()) {
                guard entries.indices.contains(position) else {
                    throw SourceError.tagNotFound(reference, in: path, available: tags)
                }
                return entries[position]
            }
            let wanted = (try? Reference(parsing: reference))?.description ?? reference
            let match = entries.first { entry in
                (entry.repoTags ?? []).contains { tag in
                    tag == reference || (try? Reference(parsing: tag))?.description == wanted
                }
            }
            guard let match else { throw SourceError.tagNotFound(reference, in: path, available: tags) }
            return match
        }
        guard entries.count == 1, let only = entries.first else {
            throw SourceError.invalidLayout(path, reason: entries.isEmpty ? "manifest.json lists no images"
                : "the archive holds \(entries.count) images; name one with :REF (\(tags.joined(separator: ", ")))")
        }
        return only
    }

    public func fetchRootManifest() throws -> FetchedManifest {
        FetchedManifest(bytes: manifestBytes, mediaType: MediaType.dockerManifest, digest: Digest.of(manifestBytes))
    }

    public func fetchManifest(_ descriptor: Descriptor) throws -> FetchedManifest {
        throw SourceError.blobNotFound(descriptor.digest, in: archive.path)
    }

    public func openBlob(_ descriptor: Descriptor) throws -> any ByteStream {
        guard let name = blobPaths[descriptor.digest], let stream = try archive.open(name) else {
            throw SourceError.blobNotFound(descriptor.digest, in: archive.path)
        }
        return stream
    }
}

extension JSONEncoder {
    /// An encoder with sorted keys and no escaped slashes, so that synthesised documents hash the same every time.
    static var canonical: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

import Foundation
import ImageModel

/// An OCI image layout directory: `oci-layout`, `index.json` and `blobs/<alg>/<hex>`.
public struct OCILayoutSource: ImageSource {
    public let location: ImageLocation
    private let directory: String
    private let tag: String?

    /// The largest `oci-layout` marker file read; it holds one small JSON object.
    static let maxMarkerSize = 64 * 1024

    /// Opens a layout directory.
    /// - Throws: `SourceError.invalidLayout` when `oci-layout` is missing or names another version.
    public init(directory: String, tag: String?) throws {
        self.location = .ociLayout(path: directory, tag: tag)
        self.directory = directory
        self.tag = tag
        let marker = try readFile(directory + "/oci-layout", limit: Self.maxMarkerSize)
        try LayoutIndex.checkMarker(marker, place: directory)
    }

    public func fetchRootManifest() throws -> FetchedManifest {
        let bytes = try readFile(directory + "/index.json", limit: ManifestDocument.maxSize)
        let index = try LayoutIndex(bytes: bytes, place: directory)
        return try fetchManifest(try index.select(tag: tag, place: directory))
    }

    public func fetchManifest(_ descriptor: Descriptor) throws -> FetchedManifest {
        let bytes = try readBlob(descriptor, limit: ManifestDocument.maxSize)
        return FetchedManifest(bytes: bytes, mediaType: descriptor.mediaType, digest: descriptor.digest)
    }

    public func openBlob(_ descriptor: Descriptor) throws -> any ByteStream {
        // The digest is validated lowercase hex of a fixed length, so this path cannot climb out of blobs/.
        let path = "\(directory)/blobs/\(descriptor.digest.algorithm.rawValue)/\(descriptor.digest.encoded)"
        guard FileManager.default.fileExists(atPath: path) else {
            throw SourceError.blobNotFound(descriptor.digest, in: directory)
        }
        return try FileStream(path: path)
    }
}

/// The top-level `index.json` of an OCI layout and how a tag selects an entry in it.
struct LayoutIndex {
    let index: ImageIndex

    /// The annotation a layout uses to name its manifests.
    static let refName = "org.opencontainers.image.ref.name"

    init(bytes: [UInt8], place: String) throws {
        do {
            index = try JSONDecoder().decode(ImageIndex.self, from: Data(bytes))
        } catch {
            throw SourceError.invalidLayout(place, reason: "index.json: \(describe(error))")
        }
    }

    static func checkMarker(_ bytes: [UInt8], place: String) throws {
        struct Marker: Decodable { var imageLayoutVersion: String }
        guard let marker = try? JSONDecoder().decode(Marker.self, from: Data(bytes)) else {
            throw SourceError.invalidLayout(place, reason: "oci-layout is not {\"imageLayoutVersion\": …}")
        }
        guard marker.imageLayoutVersion == "1.0.0" else {
            throw SourceError.invalidLayout(place,
                                            reason: "unsupported imageLayoutVersion \(marker.imageLayoutVersion)")
        }
    }

    /// The entry named `tag`, or the only entry when no tag is given.
    ///
    /// Several untagged entries are ambiguous; as skopeo does, that is an error rather than a guess.
    func select(tag: String?, place: String) throws -> Descriptor {
        let names = index.manifests.compactMap { $0.annotations?[Self.refName] }
        if let tag {
            // skopeo also accepts a full reference stored by other tools (e.g. `docker.io/library/x:1`).
            let match = index.manifests.first { descriptor in
                guard let name = descriptor.annotations?[Self.refName] else { return false }
                return name == tag || name.hasSuffix(":\(tag)")
            }
            guard let match else { throw SourceError.tagNotFound(tag, in: place, available: names) }
            return match
        }
        guard index.manifests.count == 1, let only = index.manifests.first else {
            let reason = index.manifests.isEmpty ? "index.json lists no manifests"
                : "index.json lists \(index.manifests.count) manifests; name one with :TAG "
                    + "(\(names.joined(separator: ", ")))"
            throw SourceError.invalidLayout(place, reason: reason)
        }
        return only
    }
}

import Attachments
import Foundation
import ImageModel
import ImageSources
import TestSupport

/// A registry of the tests' own on `MisbehavingHTTPServer`, serving repository `app` from dictionaries, for
/// answers a real registry refuses to store (manifests pointing at missing blobs, lying digests, non-JSON).
final class FakeRegistry: @unchecked Sendable {
    typealias Response = MisbehavingHTTPServer.Response

    /// Manifests by tag or digest: bytes and Content-Type.
    var manifests: [String: ([UInt8], String)] = [:]
    /// Blobs by digest.
    var blobs: [String: [UInt8]] = [:]
    /// The answer to `GET /v2/app/referrers/<digest>`; nil answers 404, as a registry without the API does.
    var referrers: (@Sendable (String) -> Response)?
    /// The answer to a manifest PUT, so the writer's `OCI-Subject` handling can be seen.
    var putHeaders: [(String, String)] = []
    private let lock = NSLock()
    private(set) var server: MisbehavingHTTPServer!

    init() throws {
        server = try MisbehavingHTTPServer { [unowned self] request, _ in self.answer(request) }
    }

    var host: String { "127.0.0.1:\(server.port)" }

    func client() throws -> RegistryClient {
        try RegistryClient(registry: host, host: host, options: testOptions())
    }

    func reference() throws -> Reference { try Reference(parsing: "\(host)/app:v1") }

    /// Stores a blob and returns its descriptor.
    @discardableResult
    func addBlob(_ bytes: [UInt8], mediaType: String, annotations: [String: String]? = nil) -> Descriptor {
        let digest = Digest.of(bytes)
        lock.withLock { blobs[digest.description] = bytes }
        return Descriptor(mediaType: mediaType, digest: digest, size: Int64(bytes.count), annotations: annotations)
    }

    /// Stores a manifest under its digest and, if given, a tag; returns its descriptor.
    @discardableResult
    func addManifest(_ bytes: [UInt8], tag: String? = nil, mediaType: String = MediaType.ociManifest)
        -> Descriptor
    {
        let digest = Digest.of(bytes)
        lock.withLock {
            manifests[digest.description] = (bytes, mediaType)
            if let tag { manifests[tag] = (bytes, mediaType) }
        }
        return Descriptor(mediaType: mediaType, digest: digest, size: Int64(bytes.count))
    }

    /// Stores an encoded manifest; see `addManifest(_:tag:mediaType:)`.
    @discardableResult
    func add(_ manifest: some Encodable, tag: String? = nil, mediaType: String = MediaType.ociManifest) throws
        -> Descriptor
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return addManifest(Array(try encoder.encode(manifest)), tag: tag, mediaType: mediaType)
    }

    /// A cosign-shaped manifest over `layers`, with a config blob stored.
    func cosignManifest(layers: [Descriptor], subject: Descriptor? = nil, artifactType: String? = nil)
        -> ImageManifest
    {
        let config = addBlob(Array("{}".utf8), mediaType: MediaType.ociConfig)
        return ImageManifest(mediaType: MediaType.ociManifest, artifactType: artifactType, config: config,
                             layers: layers, subject: subject)
    }

    private func answer(_ request: MisbehavingHTTPServer.Request) -> Response {
        let prefix = "/v2/app/"
        guard request.path.hasPrefix(prefix) else { return .status(404) }
        let rest = String(request.path.dropFirst(prefix.count))
        let parts = rest.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return .status(404) }
        let key = String(parts[1].prefix { $0 != "?" })
        return lock.withLock {
            switch (request.method, parts[0]) {
            case ("PUT", "manifests"):
                manifests[key] = (request.body, request.header("Content-Type") ?? "")
                let digest = Digest.of(request.body).description
                return .status(201, headers: putHeaders + [("Docker-Content-Digest", digest)])
            case (_, "manifests"):
                guard let (bytes, type) = manifests[key] else { return Self.notFound("MANIFEST_UNKNOWN") }
                return .status(200, headers: [("Content-Type", type)], body: bytes)
            case (_, "blobs"):
                guard let bytes = blobs[key] else { return Self.notFound("BLOB_UNKNOWN") }
                return .status(200, body: bytes)
            case (_, "referrers"):
                return referrers?(request.path) ?? .status(404)
            default:
                return .status(404)
            }
        }
    }

    private static func notFound(_ code: String) -> Response {
        .status(404, headers: [("Content-Type", "application/json")],
                body: Array(#"{"errors":[{"code":"\#(code)","message":"unknown"}]}"#.utf8))
    }
}

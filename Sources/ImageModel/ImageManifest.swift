import Foundation

/// An image manifest: an OCI image manifest or a Docker v2 schema 2 manifest, which share a shape.
public struct ImageManifest: Codable, Hashable, Sendable {
    /// Always 2 for the formats read here.
    public var schemaVersion: Int
    /// The manifest's own media type, when it states one.
    public var mediaType: String?
    /// The artifact type, for manifests that carry artifacts rather than images.
    public var artifactType: String?
    /// The image config.
    public var config: Descriptor
    /// The layers, base first.
    public var layers: [Descriptor]
    /// The manifest this one refers to (signatures, attestations).
    public var subject: Descriptor?
    /// Arbitrary metadata.
    public var annotations: [String: String]?

    /// Creates a manifest.
    public init(schemaVersion: Int = 2, mediaType: String?, artifactType: String? = nil, config: Descriptor,
                layers: [Descriptor], subject: Descriptor? = nil, annotations: [String: String]? = nil) {
        self.schemaVersion = schemaVersion
        self.mediaType = mediaType
        self.artifactType = artifactType
        self.config = config
        self.layers = layers
        self.subject = subject
        self.annotations = annotations
    }
}

/// An image index: an OCI image index or a Docker manifest list.
public struct ImageIndex: Codable, Hashable, Sendable {
    /// Always 2 for the formats read here.
    public var schemaVersion: Int
    /// The index's own media type, when it states one.
    public var mediaType: String?
    /// The manifests it lists, each usually with a platform.
    public var manifests: [Descriptor]
    /// The artifact type, for indexes of artifacts.
    public var artifactType: String?
    /// The manifest this index refers to.
    public var subject: Descriptor?
    /// Arbitrary metadata.
    public var annotations: [String: String]?

    /// Creates an index.
    public init(schemaVersion: Int = 2, mediaType: String?, manifests: [Descriptor], artifactType: String? = nil,
                subject: Descriptor? = nil, annotations: [String: String]? = nil) {
        self.schemaVersion = schemaVersion
        self.mediaType = mediaType
        self.manifests = manifests
        self.artifactType = artifactType
        self.subject = subject
        self.annotations = annotations
    }
}

/// A manifest document as fetched: either an image manifest or an index, with the exact bytes received.
public enum ManifestDocument: Sendable {
    case manifest(ImageManifest)
    case index(ImageIndex)

    /// The largest manifest or index Safeguard reads. containerd and the distribution registry use
    /// 4 MiB; anything larger is a resource attack, not an image.
    public static let maxSize = 4 * 1024 * 1024

    /// Parses a manifest or index.
    ///
    /// The kind is taken from the transport's media type when it gave one, else from the document's
    /// `mediaType`, else from its shape (`manifests` means an index). Schema 1 and unknown types are refused.
    /// - Parameters:
    ///   - bytes: the document exactly as received (already digest-checked by the caller).
    ///   - declaredMediaType: the `Content-Type` or descriptor media type, if any.
    ///   - origin: what to call the document in errors, e.g. the reference or digest.
    /// - Throws: `ModelError` naming `origin` and what is wrong.
    public static func parse(_ bytes: [UInt8], declaredMediaType: String?, origin: String) throws -> ManifestDocument {
        let probe: Probe
        do {
            probe = try JSONDecoder().decode(Probe.self, from: Data(bytes))
        } catch {
            throw ModelError.invalidDocument(what: "manifest \(origin)", reason: describe(error))
        }
        let declared = declaredMediaType.flatMap { $0.isEmpty || $0 == "application/json" ? nil : $0 }
        let mediaType = declared ?? probe.mediaType
        if let mediaType, MediaType.dockerSchema1.contains(mediaType) || probe.schemaVersion == 1 {
            throw ModelError.unsupportedMediaType(mediaType, what: "\(origin) (Docker schema 1 is obsolete)")
        }
        let isIndex: Bool
        switch mediaType {
        case MediaType.ociIndex, MediaType.dockerManifestList: isIndex = true
        case MediaType.ociManifest, MediaType.dockerManifest: isIndex = false
        case nil: isIndex = probe.manifests != nil
        case let other?: throw ModelError.unsupportedMediaType(other, what: "manifest \(origin)")
        }
        guard probe.schemaVersion == 2 else {
            let version = probe.schemaVersion.map(String.init) ?? "missing"
            throw ModelError.invalidDocument(what: "manifest \(origin)", reason: "schemaVersion \(version), expected 2")
        }
        do {
            if isIndex { return .index(try JSONDecoder().decode(ImageIndex.self, from: Data(bytes))) }
            let manifest = try JSONDecoder().decode(ImageManifest.self, from: Data(bytes))
            // The image manifest schema requires a layer; a manifest without one has no filesystem to vouch for.
            guard !manifest.layers.isEmpty else {
                throw ModelError.invalidDocument(what: "manifest \(origin)", reason: "no layers")
            }
            return .manifest(manifest)
        } catch let error as ModelError {
            throw error
        } catch {
            let what = "\(isIndex ? "index" : "manifest") \(origin)"
            throw ModelError.invalidDocument(what: what, reason: describe(error))
        }
    }

    private struct Probe: Decodable {
        var schemaVersion: Int?
        var mediaType: String?
        var manifests: [IgnoredValue]?
    }

    private struct IgnoredValue: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}

/// A one-line reason for a JSON decoding failure, with the path to the field that failed.
public func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return keys.isEmpty ? "" : " at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
    }
    switch error {
    case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)'\(path(context))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
        return "wrong type\(path(context)): \(context.debugDescription)"
    case .dataCorrupted(let context):
        let underlying = context.underlyingError.map { ": \($0.localizedDescription)" } ?? ""
        return "\(context.debugDescription)\(path(context))\(underlying)"
    @unknown default: return "\(error)"
    }
}

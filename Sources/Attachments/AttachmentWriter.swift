import Foundation
import ImageModel
import ImageSources

/// Writes attachments the way cosign does: signatures and attestations appended to the layers of the manifest
/// at cosign's tag (`sha256-<hex>.sig`, `.att`), and artifacts pushed as referrers with a `subject`.
///
/// Shortcoming: appending reads the tag's manifest, then replaces it; two writers signing the same image at once
/// can lose one signature, as with cosign itself. The registry offers no compare-and-swap to prevent it.
public struct AttachmentWriter: Sendable {
    /// The client for the image's registry, which needs push rights on the repository.
    public let client: RegistryClient

    /// Creates a writer.
    public init(client: RegistryClient) {
        self.client = client
    }

    /// Pushes a cosign signature for the image `reference` names, pinned to `digest`, at `sha256-<hex>.sig`,
    /// after the signatures already there.
    /// - Parameters:
    ///   - payload: the signed bytes, usually `CosignPayload.make(reference:digest:)`.
    ///   - signature: the base64 signature and, for keyless signing, certificate, chain and bundles.
    /// - Returns: the signature manifest as pushed.
    /// - Throws: `AttachmentWriteError` when the tag holds a manifest that cannot be read, `SourceError` for the
    ///   registry's refusals.
    @discardableResult
    public func pushCosignSignature(for reference: Reference, digest: Digest, payload: [UInt8],
                                    signature: CosignSignatureAnnotations) throws -> PushedManifest {
        try appendLayer(for: reference, tag: AttachmentMediaTypes.cosignTag(for: digest, .signature), bytes: payload,
                        mediaType: AttachmentMediaTypes.simpleSigning, annotations: signature.dictionary)
    }

    /// Pushes a cosign attestation (a DSSE envelope) at `sha256-<hex>.att`, after those already there.
    /// - Throws: as `pushCosignSignature`.
    @discardableResult
    public func pushCosignAttestation(for reference: Reference, digest: Digest, envelope: [UInt8],
                                      predicateType: String) throws -> PushedManifest {
        try appendLayer(for: reference, tag: AttachmentMediaTypes.cosignTag(for: digest, .attestation),
                        bytes: envelope, mediaType: AttachmentMediaTypes.dsseEnvelope,
                        annotations: [AttachmentMediaTypes.Cosign.predicateType: predicateType])
    }

    /// Adds one layer to the manifest at `tag` (creating it when absent) and pushes blobs, config and manifest.
    private func appendLayer(for reference: Reference, tag: String, bytes: [UInt8], mediaType: String,
                             annotations: [String: String]) throws -> PushedManifest {
        let repository = try repository(of: reference)
        let artifact = "\(client.registry)/\(repository):\(tag)"
        let existing = try client.fetchManifestIfPresent(repository: repository, tag: tag)
        var layers = try existing.map { try Self.layers(of: $0, artifact: artifact) } ?? []
        let layer = Descriptor(mediaType: mediaType, digest: Digest.of(bytes), size: Int64(bytes.count),
                               annotations: annotations.isEmpty ? nil : annotations)
        // cosign skips a signature identical to one already there; re-signing must not grow the manifest.
        if layers.contains(layer), let existing {
            return PushedManifest(digest: existing.digest, size: Int64(existing.bytes.count), subject: nil)
        }
        try client.pushBlob(bytes, repository: repository)
        layers.append(layer)
        let config = CosignSignatureConfig.bytes(layerDigests: layers.map(\.digest))
        try client.pushBlob(config, repository: repository)
        let manifest = ImageManifest(mediaType: MediaType.ociManifest,
                                     config: Descriptor(mediaType: MediaType.ociConfig, digest: Digest.of(config),
                                                        size: Int64(config.count)),
                                     layers: layers)
        return try client.putManifest(try Self.encode(manifest), mediaType: MediaType.ociManifest,
                                      repository: repository, reference: tag)
    }

    /// The layers of the manifest already at a tag.
    private static func layers(of existing: FetchedManifest, artifact: String) throws -> [Descriptor] {
        do {
            let document = try ManifestDocument.parse(existing.bytes, declaredMediaType: existing.mediaType,
                                                      origin: artifact)
            guard case .manifest(let manifest) = document else {
                throw AttachmentWriteError.existingManifestUnreadable(artifact: artifact, reason: "an image index")
            }
            return manifest.layers
        } catch let error as AttachmentWriteError {
            throw error
        } catch {
            throw AttachmentWriteError.existingManifestUnreadable(artifact: artifact, reason: "\(error)")
        }
    }

    /// The reference's repository, once it is known to be in the client's registry.
    func repository(of reference: Reference) throws -> String {
        guard reference.registry == client.registry else {
            throw AttachmentWriteError.registryMismatch(reference: reference.description, client: client.registry)
        }
        return reference.repository
    }

    /// Manifests and indexes as JSON: keys sorted so the same content always has the same digest.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}

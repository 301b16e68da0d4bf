import ImageModel
import ImageSources

extension AttachmentWriter {
    /// Pushes an artifact manifest whose `subject` is the image, so it is listed among the image's referrers.
    ///
    /// When the registry does not answer with `OCI-Subject` it has no referrers API, and, as the distribution spec
    /// asks of clients, the index at the fallback tag (`sha256-<hex>`) gets the artifact added.
    /// - Parameters:
    ///   - subject: the image manifest's (or index's) descriptor: media type, digest and size.
    ///   - reference: names the repository; must be in the client's registry.
    /// - Throws: `AttachmentWriteError` when the fallback tag holds something other than an index,
    ///   `SourceError` for the registry's refusals.
    @discardableResult
    public func attach(referrer: ReferrerArtifact, to subject: Descriptor, in reference: Reference) throws
        -> AttachedReferrer
    {
        let repository = try repository(of: reference)
        let empty = try client.pushBlob(AttachmentMediaTypes.emptyContent, repository: repository)
        var layers: [Descriptor] = []
        for layer in referrer.layers {
            let digest = try client.pushBlob(layer.bytes, repository: repository)
            layers.append(Descriptor(mediaType: layer.mediaType, digest: digest, size: Int64(layer.bytes.count),
                                     annotations: layer.annotations))
        }
        let config = Descriptor(mediaType: AttachmentMediaTypes.empty, digest: empty,
                                size: Int64(AttachmentMediaTypes.emptyContent.count))
        let manifest = ImageManifest(mediaType: MediaType.ociManifest, artifactType: referrer.artifactType,
                                     config: config, layers: layers, subject: subject,
                                     annotations: referrer.annotations)
        let bytes = try Self.encode(manifest)
        let pushed = try client.putManifest(bytes, mediaType: MediaType.ociManifest, repository: repository,
                                            reference: Digest.of(bytes).description)
        if pushed.subject == subject.digest { return AttachedReferrer(manifest: pushed, listedBy: .api) }

        var entry = Descriptor(mediaType: MediaType.ociManifest, digest: pushed.digest, size: pushed.size,
                               annotations: referrer.annotations)
        entry.artifactType = referrer.artifactType
        let tag = try addToFallbackIndex(entry, subject: subject.digest, repository: repository)
        return AttachedReferrer(manifest: pushed, listedBy: .fallbackTag(tag))
    }

    /// Adds `entry` to the index at the subject's fallback tag, creating the index when the tag is absent.
    private func addToFallbackIndex(_ entry: Descriptor, subject: Digest, repository: String) throws -> String {
        let tag = RegistryClient.referrersTag(for: subject)
        let artifact = "\(client.registry)/\(repository):\(tag)"
        var index = ImageIndex(mediaType: MediaType.ociIndex, manifests: [])
        if let existing = try client.fetchManifestIfPresent(repository: repository, tag: tag) {
            let document: ManifestDocument
            do {
                document = try ManifestDocument.parse(existing.bytes, declaredMediaType: existing.mediaType,
                                                      origin: artifact)
            } catch {
                throw AttachmentWriteError.existingManifestUnreadable(artifact: artifact, reason: "\(error)")
            }
            guard case .index(let found) = document else {
                throw AttachmentWriteError.existingManifestUnreadable(artifact: artifact,
                                                                      reason: "an image manifest, not an index")
            }
            index = found
        }
        guard !index.manifests.contains(where: { $0.digest == entry.digest }) else { return tag }
        index.manifests.append(entry)
        try client.putManifest(try Self.encode(index), mediaType: MediaType.ociIndex, repository: repository,
                               reference: tag)
        return tag
    }
}

import ImageModel
import ImageSources

extension DiscoveryRun {
    /// Parses an attachment's manifest and reads the layers its kind allows, within the bounds.
    mutating func readLayers(of fetched: FetchedManifest, into attachment: inout Attachment) {
        let manifest: ImageManifest
        do {
            let document = try ManifestDocument.parse(fetched.bytes, declaredMediaType: fetched.mediaType,
                                                      origin: fetched.digest.description)
            guard case .manifest(let parsed) = document else {
                attachment.problems.append(.manifestUnreadable(artifact: attachment.artifact,
                                                               reason: "an image index, where a manifest belongs"))
                return
            }
            manifest = parsed
        } catch {
            attachment.problems.append(.manifestUnreadable(artifact: attachment.artifact, reason: "\(error)"))
            return
        }
        // Why: a registry could list another image's signed artifacts as this one's referrers; the manifest's own
        // subject is what the verifier's trust rests on, so a mismatch is not read at all.
        if case .referrer = attachment.origin, manifest.subject?.digest != attachment.subject {
            attachment.problems.append(.subjectMismatch(artifact: attachment.artifact, expected: attachment.subject,
                                                        found: manifest.subject?.digest))
            return
        }
        attachment.artifactType = manifest.artifactType ?? attachment.artifactType
        attachment.annotations = manifest.annotations ?? attachment.annotations
        var layers = manifest.layers
        if layers.count > limits.maxLayers {
            attachment.problems.append(.tooManyLayers(artifact: attachment.artifact, count: layers.count,
                                                      limit: limits.maxLayers))
            layers = Array(layers.prefix(limits.maxLayers))
        }
        for layer in layers { readLayer(layer, into: &attachment) }
    }

    /// Reads one layer, after checking its media type and size against the kind and the bounds.
    private mutating func readLayer(_ layer: Descriptor, into attachment: inout Attachment) {
        let artifact = attachment.artifact
        guard attachment.kind.accepts(layerMediaType: layer.mediaType) else {
            attachment.problems.append(.unexpectedLayerMediaType(artifact: artifact, digest: layer.digest,
                                                                 mediaType: layer.mediaType, kind: attachment.kind))
            return
        }
        // Refuse by the descriptor's size before fetching; the read below is bounded by the same size.
        guard layer.size <= Int64(limits.maxLayerBytes) else {
            attachment.problems.append(.layerTooLarge(artifact: artifact, digest: layer.digest, size: layer.size,
                                                      limit: limits.maxLayerBytes))
            return
        }
        guard Int64(bytesRead) + layer.size <= Int64(limits.maxTotalBytes) else {
            attachment.problems.append(.byteBudgetExhausted(artifact: artifact, digest: layer.digest,
                                                            limit: limits.maxTotalBytes))
            return
        }
        do {
            let bytes = try client.readBlob(repository: repository, descriptor: layer, limit: limits.maxLayerBytes)
            bytesRead += bytes.count
            attachment.layers.append(AttachmentLayer(descriptor: layer, bytes: bytes,
                                                     material: .of(layer, kind: attachment.kind)))
        } catch {
            attachment.problems.append(.blobUnavailable(artifact: artifact, digest: layer.digest,
                                                        reason: "\(error)"))
        }
    }
}

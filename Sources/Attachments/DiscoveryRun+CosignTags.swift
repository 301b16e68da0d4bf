import ImageModel
import ImageSources

extension AttachmentMediaTypes.TagSuffix {
    /// The kind of attachment cosign stores under this suffix.
    var kind: AttachmentKind {
        switch self {
        case .signature: .cosignSignature
        case .attestation: .cosignAttestation
        case .sbom: .cosignSBOM
        }
    }
}

extension DiscoveryRun {
    /// Reads cosign's `.sig`, `.att` and `.sbom` tags of `subject`; a missing tag is nothing found.
    mutating func findCosignTags(of subject: Digest) {
        for suffix in AttachmentMediaTypes.TagSuffix.allCases {
            let tag = AttachmentMediaTypes.cosignTag(for: subject, suffix)
            var attachment = Attachment(kind: suffix.kind, origin: .tag(tag), subject: subject,
                                        artifact: artifact(tag: tag))
            do {
                guard let fetched = try client.fetchManifestIfPresent(repository: repository, tag: tag) else {
                    continue
                }
                guard admitAttachment() else { return }
                attachment.manifestDigest = fetched.digest
                readLayers(of: fetched, into: &attachment)
            } catch {
                guard admitAttachment() else { return }
                attachment.problems.append(.manifestUnavailable(artifact: attachment.artifact, reason: "\(error)"))
            }
            attachments.append(attachment)
        }
    }
}

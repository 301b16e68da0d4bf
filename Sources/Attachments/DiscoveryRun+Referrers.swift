import ImageModel
import ImageSources

extension DiscoveryRun {
    /// Lists the referrers of `subject` and reads those of a kind Safeguard knows; others are listed unread.
    mutating func findReferrers(of subject: Digest) {
        let referrers: Referrers
        do {
            referrers = try client.referrers(repository: repository, subject: subject)
        } catch {
            problems.append(.referrersUnavailable(subject: subject, reason: "\(error)"))
            return
        }
        sources[subject] = referrers.source
        var seen: Set<Digest> = []
        // Why only once per digest: a listing that repeats one referrer must not multiply the fetches.
        for descriptor in referrers.descriptors where seen.insert(descriptor.digest).inserted {
            guard admitAttachment() else { return }
            let kind = AttachmentKind.ofReferrer(artifactType: descriptor.artifactType)
            var attachment = Attachment(kind: kind, origin: .referrer(referrers.source), subject: subject,
                                        artifact: artifact(digest: descriptor.digest),
                                        manifestDigest: descriptor.digest, artifactType: descriptor.artifactType,
                                        annotations: descriptor.annotations ?? [:])
            if kind != .otherReferrer { fetchAndReadLayers(descriptor, into: &attachment) }
            attachments.append(attachment)
        }
    }

    /// Reads BuildKit attestation manifests in the index that attest `manifestDigest`.
    mutating func findBuildKitAttestations(in index: SubjectIndex, of manifestDigest: Digest) {
        typealias Key = AttachmentMediaTypes.BuildKit
        let attestations = index.index.manifests.filter {
            $0.annotations?[Key.referenceType] == Key.attestationManifest
                && $0.annotations?[Key.referenceDigest] == manifestDigest.description
        }
        for descriptor in attestations {
            guard admitAttachment() else { return }
            var attachment = Attachment(kind: .buildKitAttestation, origin: .index(index.digest),
                                        subject: manifestDigest, artifact: artifact(digest: descriptor.digest),
                                        manifestDigest: descriptor.digest, artifactType: descriptor.artifactType,
                                        annotations: descriptor.annotations ?? [:])
            fetchAndReadLayers(descriptor, into: &attachment)
            attachments.append(attachment)
        }
    }

    /// Fetches the manifest a descriptor names, verified against it, and reads its layers.
    private mutating func fetchAndReadLayers(_ descriptor: Descriptor, into attachment: inout Attachment) {
        do {
            let fetched = try client.fetchManifest(repository: repository, descriptor: descriptor)
            readLayers(of: fetched, into: &attachment)
        } catch {
            attachment.problems.append(.manifestUnavailable(artifact: attachment.artifact, reason: "\(error)"))
        }
    }
}

import Attachments
import ImageModel
import ImageSources
import Provenance
import Report
import Sigstore

/// Finds and verifies an image's signatures and attestations: for `verify`, and for `scan` given a signer.
enum ProvenanceStep {
    /// What was resolved and what verifying its attachments gave.
    struct Outcome {
        var image: ResolvedImage
        var report: ProvenanceReport
        /// The reference pinned to what it resolved to: the index when it named one, else the manifest.
        var pinned: Reference
    }

    /// Resolves `reference` for `options.platform`, discovers what is attached to it and verifies that.
    static func evaluate(_ reference: Reference, options: Options, policy: ProvenancePolicy) throws -> Outcome {
        let source = try RegistrySource(reference: reference, options: options.registry)
        let image = try ImageResolver(source: source, platform: options.platform).resolve()
        guard let discovery = AttachmentFinder(client: source.client).discover(image) else {
            throw UsageError("signatures live in a registry beside the image, and \(reference) is not in one")
        }
        return Outcome(image: image, report: ProvenanceVerifier.evaluate(discovery, policy: policy),
                       pinned: reference.pinned(to: image.indexDigest ?? image.manifestDigest))
    }

    /// For `scan`: verifies the signatures and attestations of `location` when the options name a signer;
    /// nil otherwise.
    static func verify(_ location: ImageLocation, options: Options, logger: Logger) throws -> Outcome? {
        guard let policy = try options.signing?.policy(), case .registry(let reference) = location else { return nil }
        logger.debug("verifying signatures and attestations of \(reference)")
        return try evaluate(reference, options: options, policy: policy)
    }
}

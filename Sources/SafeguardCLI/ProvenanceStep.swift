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
    }

    /// Resolves `reference` for `options.platform`, discovers what is attached to it and verifies that.
    static func evaluate(_ reference: Reference, options: Options, policy: ProvenancePolicy) throws -> Outcome {
        let source = try RegistrySource(reference: reference, options: options.registry)
        let image = try ImageResolver(source: source, platform: options.platform).resolve()
        guard let discovery = AttachmentFinder(client: source.client).discover(image) else {
            throw UsageError("signatures live in a registry beside the image, and \(reference) is not in one")
        }
        return Outcome(image: image, report: ProvenanceVerifier.evaluate(discovery, policy: policy))
    }

    /// Adds the provenance of the image `report` describes to it, with its findings. The reference is pinned to
    /// the digest the scan read, so a tag moved in between cannot lend the scanned image another's signatures.
    static func apply(to report: inout ScanReport, options: Options, logger: Logger) throws {
        guard let policy = try options.signing?.policy(), case .registry(let reference) = options.location else {
            return
        }
        let pinned = reference.pinned(to: report.image.indexDigest ?? report.image.digest)
        logger.debug("verifying signatures and attestations of \(pinned)")
        let outcome = try evaluate(pinned, options: options, policy: policy)
        report.provenance = outcome.report
        report.findings += outcome.report.findings(reference: reference.description)
    }
}

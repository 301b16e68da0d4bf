import Findings
import ImageModel
import ImageSources
import Names

extension ImageScan {
    /// The name the image goes by: `imageName` when the caller gave one, else the registry reference, the
    /// docker-archive's `RepoTags` entry, or an OCI `org.opencontainers.image.ref.name` that is a full name
    /// (`docker.io/library/debian:12`) rather than a bare tag (`12`).
    var nameForChecks: Reference? {
        if let imageName { return imageName }
        switch location {
        case .registry(let reference):
            return reference
        case .dockerArchive(_, let reference):
            return reference.flatMap { try? Reference(parsing: $0) }
        case .ociLayout(_, let tag), .ociArchive(_, let tag):
            guard let tag, tag.contains("/") || tag.contains(":") else { return nil }
            return try? Reference(parsing: tag)
        }
    }

    /// `name.typosquat` and `metadata.impersonation` findings: the image's name, the bases it names and the
    /// publishers its labels and annotations claim.
    func nameFindings(_ image: ResolvedImage) -> [Finding] {
        let checks = NameChecks(extraNames: extraNames)
        let annotations = image.manifest.annotations ?? [:]
        let bases = NameCandidate.bases(config: image.config, annotations: annotations) + baseNames
        return checks.findings(reference: nameForChecks, bases: bases)
            + MetadataImpersonation(names: checks).findings(reference: nameForChecks,
                                                            labels: image.config.config?.labels ?? [:],
                                                            annotations: annotations)
    }
}

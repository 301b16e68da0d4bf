import Findings
import ImageModel
import ImageSources

extension ManifestChecks {
    /// The config media types of the OCI image spec and Docker's image manifest v2 schema 2.
    static let imageConfigTypes: Set<String> = [MediaType.ociConfig, MediaType.dockerConfig]

    /// SG-MANIFEST-005: as many layers as `rootfs.diff_ids`.
    ///
    /// Why: a layer without a diff_id has content no config vouches for, and a diff_id without a layer describes
    /// content that is not there; runtimes pair them by position, and stop at different ends of the shorter list.
    static func layerCountFindings(_ image: ResolvedImage) -> [Finding] {
        let layers = image.manifest.layers.count
        let diffIDs = image.config.rootfs?.diffIDs.count ?? 0
        guard layers != diffIDs else { return [] }
        return [finding(
            "SG-MANIFEST-005", .high, "The manifest lists \(layers) layers but the config \(diffIDs) diff_ids",
            "Each layer's uncompressed content is checked against the diff_id at its position. With the counts "
                + "apart, some layer is vouched for by no diff_id or some diff_id by no layer, and tools that pair "
                + "them differently build different filesystems from the same image.",
            Evidence(configField: "rootfs.diff_ids", facts: ["layers": "\(layers)", "diff_ids": "\(diffIDs)"]))]
    }

    /// SG-MANIFEST-006: the history's steps that made a layer number the same as the layers.
    ///
    /// Why: reviewers and scanners attribute layers to build steps by position; a history that cannot be matched
    /// hides which command produced which files, or was edited after the build. No history at all is allowed.
    static func historyFindings(_ image: ResolvedImage) -> [Finding] {
        guard let history = image.config.history, !history.isEmpty else { return [] }
        let layers = image.manifest.layers.count
        let steps = history.filter { $0.emptyLayer != true }.count
        guard steps != layers else { return [] }
        return [finding(
            "SG-MANIFEST-006", .medium, "The history has \(steps) layer-making steps for \(layers) layers",
            "History entries without empty_layer are matched to layers by position. When they do not number the same, "
                + "the history cannot say which build step made which layer, so a layer can be passed off as "
                + "coming from a harmless step.",
            Evidence(configField: "history", facts: [
                "layers": "\(layers)", "layerSteps": "\(steps)", "historyEntries": "\(history.count)",
            ]))]
    }

    /// SG-MANIFEST-007: the config descriptor names an image config media type.
    ///
    /// Why: runtimes that check the type refuse the image while tools that do not check run and scan it, so an
    /// artifact dressed as an image, or an image dressed as an artifact, is judged by different rules in each.
    static func configMediaTypeFindings(_ image: ResolvedImage) -> [Finding] {
        let mediaType = image.manifest.config.mediaType
        guard !imageConfigTypes.contains(mediaType) else { return [] }
        return [finding(
            "SG-MANIFEST-007", .medium,
            "The config's media type \(ManifestText.quoted(mediaType)) is not an image config type",
            "Tools that check the config media type refuse this image; tools that do not, run it. What one tool "
                + "accepts and another refuses can be scanned in one form and deployed in another.",
            Evidence(configField: "manifest.config.mediaType", facts: [
                "mediaType": ManifestText.escaped(mediaType),
                "expected": imageConfigTypes.sorted().joined(separator: " "),
            ]))]
    }
}

import Findings
import ImageModel
import ImageSources

/// `manifest.malformed`: manifests, indexes and configs built so that different tools read them differently.
///
/// | rule | severity | what |
/// |---|---|---|
/// | SG-MANIFEST-001 | high | a key repeated in one object of the manifest |
/// | SG-MANIFEST-002 | high | a key repeated in one object of the config |
/// | SG-MANIFEST-003 | high | a key repeated in one object of the index the manifest was chosen from |
/// | SG-MANIFEST-004 | medium | a document too deep or not strict JSON, so repeated keys were not looked for |
/// | SG-MANIFEST-005 | high | the manifest's layers and the config's `rootfs.diff_ids` differ in number |
/// | SG-MANIFEST-006 | medium | the history's layer-making steps and the layers differ in number |
/// | SG-MANIFEST-007 | medium | the config descriptor's media type is not an image config type |
/// | SG-MANIFEST-008 | high | a layer's `urls` names a host other than the image's registry (any host, for files) |
/// | SG-MANIFEST-009 | medium | a layer's `urls` holds a URL that is not https |
/// | SG-MANIFEST-010 | medium | an annotation or label key or value holds control characters |
/// | SG-MANIFEST-011 | low | an annotation or label value larger than `maxValueBytes` |
/// | SG-MANIFEST-012 | low | one document's annotations or labels together larger than `maxTotalBytes` |
///
/// Layer sizes and layer media types are checked against the bytes in the layer pass, not here.
public enum ManifestChecks {
    /// Every `manifest.malformed` finding for `image`, from its manifest, config and index as resolved.
    public static func findings(for image: ResolvedImage) -> [Finding] {
        duplicateKeyFindings(image) + layerCountFindings(image) + historyFindings(image)
            + configMediaTypeFindings(image) + foreignURLFindings(image) + annotationFindings(image)
    }

    /// A finding in this module's category.
    static func finding(_ ruleID: String, _ severity: Severity, _ title: String, _ detail: String,
                        _ evidence: Evidence) -> Finding {
        Finding(category: ForensicCategory.manifest, ruleID: ruleID, severity: severity, title: title, detail: detail,
                evidence: evidence)
    }
}

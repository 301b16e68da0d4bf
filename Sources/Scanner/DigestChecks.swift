import Findings
import ImageModel
import LayerPass
import Report

/// `layer.digest-mismatch`: a layer whose bytes are not the ones its manifest or config names.
///
/// Registries address content by digest, so a mismatch means the blob was substituted or corrupted in storage or
/// in transit, or the manifest and config were built to disagree; either way the image is not what was signed.
enum DigestChecks {
    static let category = "layer.digest-mismatch"

    static func findings(layers: [LayerResult]) -> [Finding] {
        layers.flatMap { layer -> [Finding] in
            let reference = LayerReference(index: layer.index, digest: layer.descriptor.digest.description)
            var findings: [Finding] = []
            if !layer.digestMatches {
                findings.append(Finding(
                    category: category, ruleID: "SG-LAYER-001", severity: .critical,
                    title: "Layer \(layer.index) blob does not match its manifest digest",
                    detail: "The manifest names \(layer.descriptor.digest) but the blob served hashes to "
                        + "\(layer.computedDigest): the layer was substituted or corrupted after the manifest "
                        + "was made.",
                    evidence: Evidence(layer: reference, facts: [
                        "expected": layer.descriptor.digest.description, "computed": layer.computedDigest.description,
                    ])))
            }
            if let expected = layer.expectedDiffID, let computed = layer.computedDiffID, expected != computed {
                findings.append(Finding(
                    category: category, ruleID: "SG-LAYER-002", severity: .critical,
                    title: "Layer \(layer.index) content does not match the config's diff_id",
                    detail: "The config lists diff_id \(expected) but the uncompressed layer hashes to "
                        + "\(computed): what runs differs from what the config describes.",
                    evidence: Evidence(layer: reference, configField: "rootfs.diff_ids[\(layer.index)]", facts: [
                        "expected": expected.description, "computed": computed.description,
                    ])))
            }
            return findings
        }
    }
}

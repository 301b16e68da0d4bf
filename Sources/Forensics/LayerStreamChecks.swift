import Findings
import ImageModel
import LayerPass
import Tar

/// What the layer pass noticed about a layer's stream as a whole: a malformed tar or compression, a bound
/// reached, data after the end, a blob that is not what its descriptor says.
public enum LayerStreamChecks {
    /// The findings for each layer, including those its entry inspector reported.
    public static func findings(layers: [LayerResult]) -> [Finding] {
        layers.flatMap { layer -> [Finding] in
            let reference = LayerReference(index: layer.index, digest: layer.descriptor.digest.description)
            var findings: [Finding] = []
            if let interruption = layer.interruption { findings.append(finding(interruption, layer: reference)) }
            if layer.trailingDataAfterEnd {
                findings.append(Finding(
                    category: ForensicCategory.malformed, ruleID: "SG-TAR-009", severity: .medium,
                    title: "Layer \(layer.index) has data after its end-of-archive blocks",
                    detail: "Extractors stop at the end-of-archive marker; tools that read on (tar --ignore-zeros) "
                        + "see entries the others do not.",
                    evidence: Evidence(layer: reference)))
            }
            if let unkept = layer.unkept {
                // The path is a tar name the reader already escaped, so it cannot drive the reader's terminal.
                let analyzers = unkept.analyzers.sorted().joined(separator: ", ")
                findings.append(Finding(
                    category: ForensicCategory.malformed, ruleID: "SG-TAR-016", severity: .medium,
                    title: "Layer \(layer.index) holds more content to analyze than the scan keeps: "
                        + "\(unkept.count) files not analyzed",
                    detail: "Files that analyzers asked for (\(analyzers)) went past the image's bound on kept "
                        + "content (--max-kept-size), from \(unkept.firstPath) on. Their entries were still checked "
                        + "and digested, but payload, secret and package analysis did not see them: a layer of "
                        + "countless small matching files could hide what it carries this way.",
                    evidence: Evidence(layer: reference, path: unkept.firstPath,
                                       facts: ["unkeptFiles": "\(unkept.count)", "analyzers": analyzers])))
            }
            if layer.detectedCompression != layer.compression {
                findings.append(Finding(
                    category: ForensicCategory.manifest, ruleID: "SG-MANIFEST-101", severity: .high,
                    title: "Layer \(layer.index) is \(name(layer.detectedCompression)) but its media type says "
                        + name(layer.compression),
                    detail: "The descriptor's media type \(layer.descriptor.mediaType) does not match the blob's "
                        + "bytes. Runtimes sniff the bytes and run the layer; tools that trust the media type fail "
                        + "or skip it. Safeguard read it as its bytes are.",
                    evidence: Evidence(layer: reference, configField: "layers[\(layer.index)].mediaType",
                                       facts: ["declared": layer.descriptor.mediaType])))
            }
            if layer.blobSize != layer.descriptor.size {
                findings.append(Finding(
                    category: ForensicCategory.manifest, ruleID: "SG-MANIFEST-102", severity: .high,
                    title: "Layer \(layer.index) descriptor says \(layer.descriptor.size) bytes, the blob has "
                        + "\(layer.blobSize)",
                    detail: "The blob matches the descriptor's digest, so its size field is what is wrong. Tools "
                        + "that check sizes refuse the image; tools that do not run it.",
                    evidence: Evidence(layer: reference, configField: "layers[\(layer.index)].size",
                                       facts: ["declared": "\(layer.descriptor.size)", "actual": "\(layer.blobSize)"])))
            }
            return findings + layer.findings
        }
    }

    private static func name(_ compression: LayerCompression) -> String {
        switch compression {
        case .gzip: "gzip"
        case .zstd: "zstd"
        case .none: "an uncompressed tar"
        }
    }

    private static func finding(_ interruption: LayerInterruption, layer: LayerReference) -> Finding {
        let (rule, what): (String, String) = switch interruption {
        case .tar(.badChecksum): ("SG-TAR-001", "a tar header checksum does not match")
        case .tar(.invalidNumericField), .tar(.negativeSize): ("SG-TAR-002", "a tar header number is invalid")
        case .tar(.fieldTooLong): ("SG-TAR-003", "a tar extended header is longer than any real one")
        case .tar(.malformedPAXRecord), .tar(.invalidPAXValue): ("SG-TAR-004", "a PAX extended header is malformed")
        case .tar(.invalidSparseMap): ("SG-TAR-005", "a sparse file's map is invalid")
        case .tar(.truncated): ("SG-TAR-006", "the tar stream is truncated")
        case .decompression: ("SG-TAR-007", "its compressed stream is corrupt")
        case .limit: ("SG-TAR-008", "it goes past a scan bound")
        }
        var facts = ["error": interruption.description]
        if case .tar(let error) = interruption, let location = error.location {
            facts["headerOffset"] = "\(location.headerOffset)"
            facts["entryIndex"] = "\(location.entryIndex)"
        }
        return Finding(
            category: ForensicCategory.malformed, ruleID: rule, severity: .high,
            title: "Layer \(layer.index) stopped being read: \(what)",
            detail: "\(interruption). Extractors and scanners handle a broken archive differently (some stop, some "
                + "skip ahead, some keep what they got), so they disagree about what the layer holds; entries "
                + "after this point were not checked.",
            evidence: Evidence(layer: layer, entryName: interruptionLocationName(interruption), facts: facts))
    }

    private static func interruptionLocationName(_ interruption: LayerInterruption) -> String? {
        guard case .tar(let error) = interruption else { return nil }
        return error.location?.entryName
    }
}

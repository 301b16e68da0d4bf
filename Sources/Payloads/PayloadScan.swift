import Findings
import Forensics
import ImageSources
import LayerPass
import SBOM

/// The payload and secret detectors: what they ask the layer pass to keep, and their findings for an image.
///
/// Register `requests` after every other analyzer's: the pass keeps a file for the first request that wants it,
/// so a cataloger that needs a whole file (or the Go build information of a binary) gets it, and these
/// detectors read whatever was kept. A Go binary is therefore searched through its build information only.
public enum PayloadScan {
    /// Every marker of every detector: a searched file is kept only when one occurs in it.
    static let needles = NeedleSet(MinerDetector.markers + RemoteExecDetector.markers + ExfiltrationDetector.markers
                                   + EnvironmentGateDetector.markers + SecretMatcher.markers)
    static let extraction = ContentLineExtraction(needles: needles)

    /// What the detectors ask the layer pass to keep: persistence hooks and credential files whole (as lines),
    /// and of executables, scripts and configuration files only the lines where a marker occurs.
    ///
    /// Why reduce: the pass reads every executable anyway for the Go cataloger; keeping a few matched lines
    /// instead of the file keeps memory proportional to what is suspicious, not to the image.
    ///
    /// Each file's kept lines are bounded (`PayloadLimits.maxKeptLines` lines of at most `maxLineBytes`), and their
    /// sum over the image by the layer pass's `LayerLimits.maxKeptBytes`, past which the layer is reported.
    public static let requests: [FileRequest] = [
        FileRequest(analyzer: "payload.hooks", maxSize: PayloadLimits.maxTextFileSize,
                    selecting: PayloadPaths.isReadWhole,
                    reducing: { ContentLineEncoding.encode(extraction.lines($0, keepAll: true).lines, binary: false) }),
        FileRequest(analyzer: "payload.content", maxSize: PayloadLimits.maxExecutableSize,
                    selecting: PayloadPaths.isSearched,
                    keeping: { needles.occurs(in: $0) },
                    reducing: { bytes in
                        let (lines, binary) = extraction.lines(bytes, keepAll: false)
                        return ContentLineEncoding.encode(lines, binary: binary)
                    }),
    ]

    /// The findings for an image whose layers the pass read with `requests`; `owners` and `sbom` tell package
    /// files.
    public static func findings(image: ResolvedImage, layers: [LayerResult], fileSystem: FileSystem,
                                owners: PackageOwnership, sbom: SoftwareBillOfMaterials) -> [Finding] {
        let units = ContentUnit.units(image: image, layers: layers, fileSystem: fileSystem, extraction: extraction)
        let distribution = DistributionFiles(sbom)
        var cap = FindingCap()
        for unit in units {
            cap.add(PersistenceDetector.findings(unit, owners: owners))
            cap.add(SecretDetector.findings(unit, owners: owners))
            // Why: exfiltration and environment gates are read from behaviour (read a credential file, then post;
            // probe, then fetch), which distribution libraries also show: distutils' `register` reads ~/.pypirc
            // and posts to PyPI. A file of a dpkg, apk or rpm package is the distribution's; its tampering is the
            // integrity check's to report. Language packages (pip, npm) are where such payloads arrive, so they
            // are judged. Miners and download-and-run are judged everywhere.
            let judgesBehaviour = unit.path.map { !distribution.contains($0) } ?? true
            for judged in [unit] + Base64Payloads.decodedUnits(unit) {
                cap.add(MinerDetector.findings(judged) + RemoteExecDetector.findings(judged))
                if judgesBehaviour {
                    cap.add(ExfiltrationDetector.findings(judged) + EnvironmentGateDetector.findings(judged))
                }
            }
        }
        return cap.findings
    }

    /// The image as reports show it: secrets in env, labels, entrypoint, cmd and history redacted.
    public static func redacted(_ image: ResolvedImage) -> ResolvedImage {
        var image = image
        image.config = SecretRedaction.redacted(image.config)
        return image
    }
}

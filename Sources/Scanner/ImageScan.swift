import Catalogers
import Findings
import Forensics
import ImageModel
import ImageSources
import LayerPass
import Lineage
import Names
import Payloads
import Report
import SBOM

/// The whole flow for one image: resolve it, stream its layers, merge the filesystem, run the checks, report.
public struct ImageScan: Sendable {
    /// The image to scan.
    public var location: ImageLocation
    /// The platform to pick from an index.
    public var platform: Platform
    /// How to reach registries.
    public var registryOptions: RegistryOptions
    /// How many layers stream at once.
    public var concurrency: Int
    /// Bounds on each layer.
    public var limits: LayerLimits
    /// The name to judge the image by when the location does not give one (an OCI layout's bare tag).
    public var imageName: Reference?
    /// Vetted image names (the catalog) that the name checks never flag.
    public var extraNames: [String] = []
    /// Base names found outside the image (provenance), checked as the image's own annotations are.
    public var baseNames: [NameCandidate] = []
    /// The vetted base images (`--catalog`): with one, the base is decided and `lineage.*` findings are reported.
    public var catalog: BaseCatalog?
    /// Base images trusted provenance named (`name@digest`): `scan` verifies signatures and attestations before
    /// the layer pass and passes the SLSA materials of those that verified.
    public var provenanceBases: [String] = []
    /// Whether to fetch the bases the image names from their registries to compare their layers with the image's
    /// (`--fetch-bases`); off by default so a scan contacts no host an image's annotation names.
    public var fetchBases = false

    /// How much of the image to analyze.
    public enum Depth: Sendable {
        /// Every check: forensics, package file integrity, payloads and secrets, names, lineage, and the SBOM.
        case full
        /// The SBOM and the layer checks the pass makes anyway (digests, malformed streams): what `safeguard sbom`
        /// needs, without hashing every package file or searching every executable.
        case packages
    }

    /// How much of the image to analyze; `full` unless told otherwise.
    public var depth = Depth.full

    /// The version written into reports.
    public static let version = "0.1.0"

    /// Creates a scan.
    public init(location: ImageLocation, platform: Platform, registryOptions: RegistryOptions, concurrency: Int,
                limits: LayerLimits = LayerLimits()) {
        self.location = location
        self.platform = platform
        self.registryOptions = registryOptions
        self.concurrency = concurrency
        self.limits = limits
    }

    /// What a scan reports while it runs.
    public enum Event: Sendable {
        /// The image resolved; its layers and their compressed sizes are known.
        case resolved(ResolvedImage)
        /// More compressed bytes of a layer were read.
        case layerBytes(index: Int, bytes: Int64)
    }

    /// Runs the scan.
    /// - Throws: `SourceError`, `ModelError` or `LayerError`, each naming the input and what was wrong.
    public func run(events: (@Sendable (Event) -> Void)? = nil) throws -> ScanReport {
        let source = try openSource(location, options: registryOptions)
        let image = try ImageResolver(source: source, platform: platform).resolve()
        events?(.resolved(image))

        var progress: LayerPass.Progress?
        if let events { progress = { index, bytes in events(.layerBytes(index: index, bytes: bytes)) } }
        let limits = limits
        let catalogers = Catalog.defaultCatalogers
        let full = depth == .full
        let requests = Catalog.requests(catalogers)
            + (full ? [PrivilegedFiles.request, PackageFileIntegrity.request] + PayloadScan.requests : [])
        let checks: EntryInspectorFactory = { EntryChecks(layer: $0, limits: limits) }
        let pass = LayerPass(concurrency: concurrency, requests: requests,
                             digests: full ? PackageFileIntegrity.digestRequest : nil, limits: limits,
                             inspector: full ? checks : nil)
        var layers = try pass.run(layers: image.manifest.layers, diffIDs: image.config.rootfs?.diffIDs ?? [],
                                  open: { try source.openBlob($0) }, progress: progress)
        let fileSystem = FileSystem(layers: layers.map { $0.changes })
        let sbom = Catalog.run(layers: layers, catalogers: catalogers)

        var findings = DigestChecks.findings(layers: layers) + LayerStreamChecks.findings(layers: layers)
        var privilegedFiles: [FileEntry] = []
        var lineage: LineageReport?
        if full {
            try PackageFileIntegrity.completeDigests(&layers, sbom: sbom, fileSystem: fileSystem, limits: limits,
                                                     open: { try source.openBlob($0) })
            let owners = PackageOwnership(sbom, fileSystem: fileSystem)
            let analysis = LineageAnalysis.run(lineageInput(image, layers: layers), catalog: catalog,
                                               fileSystem: fileSystem, sbom: sbom)
            findings += ManifestChecks.findings(for: image) + ExtractionReplay.findings(layers: layers)
            findings += PrivilegedFiles.findings(fileSystem, layers: layers, owners: owners) + nameFindings(image)
            findings += PackageFileIntegrity.check(sbom, fileSystem: fileSystem, layers: layers,
                                                   history: image.config.history ?? []).findings
            findings += PayloadScan.findings(image: image, layers: layers, fileSystem: fileSystem, owners: owners,
                                             sbom: sbom)
            findings += analysis.findings
            privilegedFiles = PrivilegedFiles.inventory(fileSystem)
            lineage = analysis.report
        }
        // Secrets in env, labels and history are shown redacted in every output, like the findings about them.
        var report = ScanReport(tool: Tool(name: "safeguard", version: Self.version),
                                image: PayloadScan.redacted(image), layers: layers, fileSystem: fileSystem,
                                privilegedFiles: privilegedFiles, sbom: sbom, findings: findings)
        report.lineage = lineage
        return report
    }

    /// What the lineage step reads: the registry name, the computed diff_ids (only verified ones), the claims.
    private func lineageInput(_ image: ResolvedImage, layers: [LayerResult]) -> LineageInput {
        var reference: Reference?
        if case .registry(let named) = location { reference = named }
        var input = LineageInput(reference: reference, manifestDigest: image.manifestDigest,
                                 layerDigests: layers.map(\.descriptor.digest),
                                 diffIDs: layers.map { $0.diffIDMatches ? $0.computedDiffID : nil },
                                 annotations: image.manifest.annotations, labels: image.config.config?.labels,
                                 provenanceBases: provenanceBases)
        if fetchBases {
            (input.fetchedBases, input.fetchFailures) = BaseFetcher(platform: image.platform,
                                                                    registryOptions: registryOptions)
                .fetch(input.claims)
        }
        return input
    }
}

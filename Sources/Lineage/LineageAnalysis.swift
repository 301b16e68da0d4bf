import Findings
import LayerPass
import SBOM

/// The lineage step of a scan: decide the base, split the image into base and application, report the findings.
public enum LineageAnalysis {
    /// The lineage section and the lineage findings of an image; findings only when a catalog was given, since
    /// without one nothing is vetted and nothing can be unapproved.
    public static func run(_ input: LineageInput, catalog: BaseCatalog?, fileSystem: FileSystem,
                           sbom: SoftwareBillOfMaterials) -> (report: LineageReport, findings: [Finding]) {
        let (base, claims, note) = BaseDecision.decide(input, catalog: catalog)
        let baseLayers = base?.layerCount ?? 0
        let basePackages = sbom.packages.filter { ($0.introducedLayer ?? Int.max) < baseLayers }.count
        let report = LineageReport(
            base: base, claims: claims, catalog: catalog?.file,
            layers: LineageSplit(base: baseLayers, application: input.layerDigests.count - baseLayers),
            packages: LineageSplit(base: basePackages, application: sbom.packages.count - basePackages), note: note)
        guard let catalog else { return (report, []) }
        let findings = LineageFindings.findings(input, catalog: catalog, base: base, claims: claims)
            + ReplacedBaseFiles.findings(baseLayerCount: baseLayers, layerDigests: input.layerDigests,
                                         fileSystem: fileSystem, sbom: sbom)
        return (report, findings)
    }
}

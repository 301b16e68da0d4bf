import Findings
import SBOM
import Vulnerabilities

/// What `safeguard scan sbom:FILE` reports: the SBOM it read and the vulnerabilities of its packages. There is no
/// image, so no layers, history or filesystem; the rest has the shape of `ScanReport`.
public struct SBOMScanReport: Codable, Sendable {
    /// The version of this document's shape.
    public var schemaVersion = ScanReport.currentSchemaVersion
    /// What produced it.
    public var tool: Tool
    /// The SBOM, as given: `sbom:FILE`.
    public var source: String
    /// The distribution the SBOM names, which decides the OS packages' advisories.
    public var operatingSystem: OperatingSystem?
    /// How many packages the SBOM lists.
    public var packages: Int
    /// Components that could not be read as packages.
    public var warnings: [CatalogWarning]
    /// The matches, suppressed matches and packages not checked.
    public var vulnerabilities: VulnerabilityReport
    /// One `vulnerability` finding per match.
    public var findings: [Finding]

    /// Creates a report.
    public init(tool: Tool, source: String, sbom: SoftwareBillOfMaterials, vulnerabilities: VulnerabilityReport) {
        self.tool = tool
        self.source = source
        operatingSystem = sbom.operatingSystem
        packages = sbom.packages.count
        warnings = sbom.warnings
        self.vulnerabilities = vulnerabilities
        findings = vulnerabilities.findings(layerDigests: [])
    }

    /// The highest severity among the findings, if any.
    public var highestSeverity: Severity? { findings.map(\.severity).max() }
}

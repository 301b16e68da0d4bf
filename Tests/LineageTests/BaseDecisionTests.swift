import Findings
import ImageModel
import LayerPass
import Lineage
import SBOM
import Testing

/// The base is decided by layers against the catalog; claims only name it, and are believed only when layers agree.
struct BaseDecisionTests {
    static func digest(_ character: Character) -> Digest {
        try! Digest(parsing: "sha256:" + String(repeating: character, count: 64))
    }

    /// debian (one approved digest of layers 1) and python on it (layers 1, 2).
    static let catalog: BaseCatalog = {
        var catalog = BaseCatalog(file: "bases.yaml")
        try! catalog.add(repository: "debian", digest: .init(digest: digest("a"), diffIDs: [digest("1")]),
                         owner: "platform", notes: nil)
        try! catalog.add(repository: "python", digest: .init(digest: digest("b"), diffIDs: [digest("1"), digest("2")]),
                         owner: "python-team", notes: nil)
        return catalog
    }()

    static func input(_ layers: [Character], reference: String? = nil, manifest: Character = "f",
                      annotations: [String: String]? = nil, labels: [String: String]? = nil,
                      provenance: [String] = []) -> LineageInput {
        LineageInput(reference: reference.map { try! Reference(parsing: $0) }, manifestDigest: digest(manifest),
                     layerDigests: layers.map { digest(Character(String($0).uppercased())) },
                     diffIDs: layers.map(digest), annotations: annotations, labels: labels,
                     provenanceBases: provenance)
    }

    static func run(_ input: LineageInput) -> (LineageReport, [Finding]) {
        let result = LineageAnalysis.run(input, catalog: catalog, fileSystem: FileSystem(layers: []), sbom: .empty)
        return (result.report, result.findings)
    }

    @Test func picksTheLongestApprovedPrefixAndSplitsTheLayers() {
        let (report, findings) = Self.run(Self.input(["1", "2", "3"]))
        #expect(report.base?.name == "python")
        #expect(report.base?.method == .layerPrefix)
        #expect(report.base?.confidence == .medium)
        #expect(report.layers == LineageSplit(base: 2, application: 1))
        #expect(findings.isEmpty)
    }

    @Test(arguments: [
        (input(["1", "3"], annotations: [LineageInput.baseNameKey: "debian:bookworm"]), BaseDecisionMethod.annotation),
        (input(["1", "3"], labels: [LineageInput.baseDigestKey: digest("a").description]), .label),
        (input(["1", "3"], provenance: ["docker.io/library/debian@\(digest("a"))"]), .provenance),
    ])
    func namesTheMethodOfAClaimTheLayersConfirm(_ input: LineageInput, _ method: BaseDecisionMethod) {
        let (report, findings) = Self.run(input)
        #expect(report.base?.name == "debian")
        #expect(report.base?.method == method)
        #expect(report.base?.confidence == .high)
        #expect(report.claims.allSatisfy { $0.confirmed })
        #expect(findings.isEmpty)
    }

    @Test func splitsPackagesAndVulnerabilitiesByTheLayerThatBroughtThem() {
        let packages = [0, 1, 2, nil].map { layer in
            Package(name: "p\(layer ?? -1)", version: "1", type: .deb, purl: "pkg:deb/debian/p", introducedLayer: layer)
        }
        var report = LineageAnalysis.run(Self.input(["1", "2", "3"]), catalog: Self.catalog,
                                         fileSystem: FileSystem(layers: []),
                                         sbom: SoftwareBillOfMaterials(operatingSystem: nil, packages: packages,
                                                                       warnings: [])).report
        #expect(report.packages == LineageSplit(base: 2, application: 2))
        #expect(report.vulnerabilities == nil)
        report.splitVulnerabilities(layers: [0, 0, 1, 2, nil])
        #expect(report.vulnerabilities == LineageSplit(base: 3, application: 2))
    }

    @Test func decidesNothingWithoutACatalogAndReportsNothing() {
        let result = LineageAnalysis.run(Self.input(["1", "2"]), catalog: nil, fileSystem: FileSystem(layers: []),
                                         sbom: .empty)
        #expect(result.report.base == nil)
        #expect(result.report.note?.contains("--catalog") == true)
        #expect(result.findings.isEmpty)
    }

    @Test func aLayerNotReadToItsEndEndsThePrefix() {
        var input = Self.input(["1", "2"])
        input.diffIDs[1] = nil
        #expect(Self.run(input).0.base?.name == "debian")
    }

    @Test func anImageNamingNoBaseOnUnvettedLayersIsUnapprovedAtMedium() {
        let (report, findings) = Self.run(Self.input(["7", "8"]))
        #expect(report.base == nil)
        #expect(findings.map(\.ruleID) == [LineageRules.noApprovedBase])
        #expect(findings.first?.severity == .medium)
        #expect(findings.first?.category == LineageRules.unapprovedBase)
    }

    @Test func aClaimedBaseTheLayersDoNotBearOutIsUnapprovedAtHigh() {
        let claim = [LineageInput.baseNameKey: "docker.io/someone/debian", LineageInput.baseDigestKey: "sha256:x"]
        let (report, findings) = Self.run(Self.input(["7", "8"], annotations: claim))
        #expect(report.claims.first?.confirmed == false)
        #expect(findings.map(\.ruleID) == [LineageRules.claimedBaseUnapproved])
        #expect(findings.first?.severity == .high)
        #expect(findings.first?.evidence.configField == "manifest.annotations[\(LineageInput.baseNameKey)]")
        #expect(findings.first?.evidence.facts?["claimedName"] == "docker.io/someone/debian")
    }

    @Test func aVettedNameOnBorrowedLeadingLayersIsLayerReuse() {
        // Starts with debian's layer 1 like python does, then departs from python's layer 2, while claiming python.
        let (report, findings) = Self.run(Self.input(["1", "9"], labels: [LineageInput.baseNameKey: "python:3.12"]))
        #expect(report.base?.name == "debian")
        let reuse = findings.filter { $0.ruleID == LineageRules.borrowedLeadingLayers }
        #expect(reuse.count == 1)
        #expect(reuse.first?.category == LineageRules.layerReuse)
        #expect(reuse.first?.evidence.layer?.index == 1)
        #expect(reuse.first?.evidence.facts?["sharedLayers"] == "1")
    }

    @Test func anImagePublishedUnderAVettedRepositoryMustBeApprovedItself() {
        let unapproved = Self.run(Self.input(["1", "2", "5"], reference: "python:app"))
        #expect(unapproved.1.map(\.ruleID) == [LineageRules.unapprovedUnderVettedName])
        // The approved digest itself, and a mirror under another name, are not findings.
        #expect(Self.run(Self.input(["1", "2"], reference: "python:3.12", manifest: "b")).1.isEmpty)
        #expect(Self.run(Self.input(["1", "2", "5"], reference: "mirror.example/python:3.12")).1.isEmpty)
    }

    @Test func anOrganisationsOwnNameOnAnApprovedBaseIsClean() {
        let (report, findings) = Self.run(Self.input(["1", "5"], reference: "registry.example/acme/debian-tools:1"))
        #expect(report.base?.name == "debian")
        #expect(findings.isEmpty)
    }

    @Test func boundsClaimsFromHostileImages() {
        let long = String(repeating: "x", count: 100_000)
        let input = Self.input(["1"], annotations: [LineageInput.baseNameKey: long],
                               provenance: Array(repeating: long, count: 1000))
        #expect(input.claims.count == LineageInput.maxProvenanceBases + 1)
        #expect(input.claims.allSatisfy { ($0.name?.count ?? 0) <= LineageInput.maxClaimLength })
    }
}

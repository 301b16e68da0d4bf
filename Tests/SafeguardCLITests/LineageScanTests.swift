import Advisories
import AdvisoryDatabase
import Findings
import Foundation
import Lineage
import Report
import SafeguardCLI
import TestSupport
import Testing

/// `catalog add` and `scan --catalog` on real Debian images: the base decided by layers, the image split into base
/// and application, and lineage findings on the images that borrow the base's trust, none on the benign ones.
@Suite(.serialized) struct LineageScanTests {
    let layout: String
    let directory: String
    let catalog: String

    init() throws {
        layout = try LineageImages.layout.get()
        directory = try TestPaths.temporaryDirectory()
        catalog = directory + "/bases.yaml"
        #expect(Command.main(["catalog", "add", "-q", "oci:\(layout):base", "--catalog", catalog,
                              "--owner", "platform-team", "--notes", "bookworm minbase, vetted",
                              "--repository", LineageImages.baseRepository]) == .success)
    }

    func scan(_ tag: LineageImages.Tag, catalog: String? = nil) throws -> ScanReport {
        try scan("oci:\(layout):\(tag.rawValue)", catalog: catalog ?? self.catalog)
    }

    func scan(_ image: String, catalog: String) throws -> ScanReport {
        let output = directory + "/report-\(UUID().uuidString).json"
        // No advisory database: a missing one at the default location is a warning, and lineage needs none.
        let environment = ProcessInfo.processInfo.environment.merging(["SAFEGUARD_DB": directory + "/none.db"]) { $1 }
        let status = Command.main(["scan", "-q", "--catalog", catalog, "--format", "json", "--output", output, image],
                                  environment: environment)
        #expect(status != .error)
        return try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
    }

    static func lineageFindings(_ report: ScanReport) -> [Finding] {
        report.findings.filter { $0.category.hasPrefix("lineage.") }
    }

    @Test func recordsTheBaseWithItsDigestAndLayers() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let recorded = try BaseCatalog.load(catalog)
        #expect(recorded.entries.count == 1)
        #expect(recorded.entries[0].repository == LineageImages.baseRepository)
        #expect(recorded.entries[0].owner == "platform-team")
        #expect(recorded.entries[0].digests[0].diffIDs.count == 2)
        // Adding it again changes nothing; another owner is refused, naming the file.
        #expect(Command.main(["catalog", "add", "-q", "oci:\(layout):base", "--catalog", catalog,
                              "--owner", "platform-team", "--repository", LineageImages.baseRepository]) == .success)
        #expect(try BaseCatalog.load(catalog) == recorded)
        #expect(Command.main(["catalog", "add", "-q", "oci:\(layout):base", "--catalog", catalog,
                              "--owner", "someone-else", "--repository", LineageImages.baseRepository]) == .error)
        // A file image needs a repository to be recorded under.
        #expect(Command.main(["catalog", "add", "-q", "oci:\(layout):base", "--catalog", catalog,
                              "--owner", "platform-team"]) == .error)
    }

    @Test func splitsAnApplicationOnTheApprovedBaseAndFindsNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try scan(.app)
        let lineage = try #require(report.lineage)
        #expect(lineage.base?.name == LineageImages.baseRepository)
        #expect(lineage.base?.method == .layerPrefix)
        #expect(lineage.base?.owner == "platform-team")
        #expect(lineage.layers == LineageSplit(base: 2, application: 1))
        #expect(lineage.packages.base > 80)
        #expect(lineage.packages.application == 0)
        // Users added, a conffile edited, docs and man pages deleted by whiteouts: none of it is a finding.
        #expect(Self.lineageFindings(report).isEmpty, "\(Self.lineageFindings(report).map(\.title))")
        let text = TableRenderer(style: TextStyle(colors: false)).renderScan(report)
        #expect(text.contains("Lineage"))
        #expect(text.contains("layer-prefix, medium confidence"))
    }

    @Test func theBaseItselfIsItsOwnApprovedBase() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try scan(.base)
        #expect(report.lineage?.layers == LineageSplit(base: 2, application: 0))
        #expect(Self.lineageFindings(report).isEmpty)
    }

    @Test func theRealDebianImageIsCleanAgainstACatalogOfItself() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let debian = try FixtureImages.debian.get()
        let own = directory + "/debian.json"
        #expect(Command.main(["catalog", "add", "-q", "oci:\(debian):bookworm", "--catalog", own,
                              "--owner", "platform-team", "--repository", "debian"]) == .success)
        #expect(try BaseCatalog.load(own).isJSON)
        let report = try scan("oci:\(debian):bookworm", catalog: own)
        #expect(report.lineage?.base?.name == "debian")
        #expect(Self.lineageFindings(report).isEmpty)
        // Against the other catalog it shares the root filesystem layer but names nothing: unapproved, not reuse.
        let other = try scan("oci:\(debian):bookworm", catalog: catalog)
        #expect(Self.lineageFindings(other).map(\.ruleID) == [LineageRules.noApprovedBase])
    }

    @Test func theSameApplicationOnAnUnknownBaseIsUnapproved() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try scan(.unapproved)
        #expect(report.lineage?.base == nil)
        let findings = Self.lineageFindings(report)
        #expect(findings.map(\.ruleID) == [LineageRules.noApprovedBase])
        #expect(findings.first?.category == "lineage.unapproved-base")
        #expect(findings.first?.evidence.facts?["catalog"] == catalog)
    }

    @Test func theBasesNameOnBorrowedLeadingLayersIsLayerReuse() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try scan(.borrowed)
        #expect(report.lineage?.base == nil)
        #expect(report.lineage?.claims.first?.confirmed == false)
        let findings = Self.lineageFindings(report)
        #expect(findings.map(\.ruleID) == [LineageRules.borrowedLeadingLayers])
        #expect(findings.first?.category == "lineage.layer-reuse")
        #expect(findings.first?.evidence.layer?.index == 1)
        #expect(findings.first?.evidence.configField == "config.Labels[org.opencontainers.image.base.name]")
        #expect(findings.first?.evidence.facts?["sharedLayers"] == "1")
    }

    @Test func anUpperLayerReplacingBasePackageFilesIsLayerReuse() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try scan(.overwrite)
        #expect(report.lineage?.base?.name == LineageImages.baseRepository)
        let findings = Self.lineageFindings(report)
        #expect(findings.map(\.ruleID) == [LineageRules.replacedBaseFile, LineageRules.replacedBaseFile])
        #expect(findings.map(\.evidence.path) == ["usr/bin/ls", "usr/lib/x86_64-linux-gnu/libc.so.6"])
        #expect(findings.map { $0.evidence.facts?["package"] } == ["coreutils", "libc6"])
        #expect(findings.allSatisfy { $0.evidence.layer?.index == 2 && $0.evidence.layer?.digest == report.layers[2]
                    .digest.description })
    }

    @Test func aLegitimatePackageUpgradeIsNotAReplacement() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try scan(.upgrade)
        #expect(Self.lineageFindings(report).isEmpty, "\(Self.lineageFindings(report).map(\.title))")
        let hostname = report.sbom?.packages.first { $0.name == "hostname" }
        #expect(hostname?.version == "3.23+nmu2")
        #expect(hostname?.introducedLayer == 2)
        #expect(report.lineage?.packages.application == 1)
    }

    /// Vulnerabilities split by the layer of their package: glibc's from the base, the upgraded hostname's from the
    /// application layer that brought it.
    @Test func splitsVulnerabilitiesIntoBaseAndApplication() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sbom = try #require(try scan(.upgrade).sbom)
        let libc = try #require(sbom.packages.first { $0.name == "libc6" })
        let database = directory + "/advisories.db"
        let writer = try AdvisoryWriter(path: database)
        for (id, source, fixed) in [("DEBIAN-CVE-2099-0001", "glibc", (libc.sourceVersion ?? libc.version) + "+zz1"),
                                    ("DEBIAN-CVE-2099-0002", "hostname", "3.23+nmu3")] {
            try writer.put(Advisory(
                id: id, modified: "2024-05-01T00:00:00Z", aliases: [], summary: id, severity: [],
                affected: [Affected(package: AffectedPackage(ecosystem: "Debian:12", name: source),
                                    ranges: [AffectedRange(type: .ecosystem,
                                                           events: [.introduced("0"), .fixed(fixed)])])]))
        }
        try writer.commit()
        let output = directory + "/report.json"
        #expect(Command.main(["scan", "-q", "--db", database, "--catalog", catalog, "--format", "json", "-o", output,
                              "oci:\(layout):upgrade"]) == .success)
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(report.vulnerabilities?.matches.count == 3)
        #expect(report.lineage?.vulnerabilities == LineageSplit(base: 2, application: 1))
    }

    @Test func aCatalogMadeFromARegistryPushApprovesTheSameLayers() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let registry = try LocalRegistry.shared.get()
        let base = try registry.push("oci:\(layout):base", as: "lineage/debian:bookworm")
        let fromRegistry = directory + "/registry.yaml"
        #expect(Command.main(["catalog", "add", "-q", base, "--catalog", fromRegistry, "--owner", "platform-team"])
                == .success)
        let entry = try #require(try BaseCatalog.load(fromRegistry).entries.first)
        #expect(entry.repository == base.replacingOccurrences(of: ":bookworm", with: ""))
        let app = try scan(.app, catalog: fromRegistry)
        #expect(app.lineage?.base?.name == entry.repository)
        #expect(Self.lineageFindings(app).isEmpty)
        // The forged image pushed under the vetted repository borrows its name by reference, not only by label.
        let forged = try registry.push("oci:\(layout):borrowed", as: "lineage/debian:forged")
        let report = try scan(forged, catalog: fromRegistry)
        // Its label names registry.example/base/debian, which this catalog does not list: an unapproved base too.
        #expect(Self.lineageFindings(report).map(\.ruleID)
                == [LineageRules.claimedBaseUnapproved, LineageRules.borrowedLeadingLayers])
        let reuse = report.findings.first { $0.ruleID == LineageRules.borrowedLeadingLayers }
        #expect(reuse?.evidence.facts?["carriedName"] == forged)
    }

    /// The real thing beside the crafted images: what pip really wrote (install, then upgrade and uninstall) on a
    /// Debian root filesystem with Python, npm and Ruby packages, vetted as a one-layer base.
    @Test func realPipLayersOnARealDebianBaseAreClean() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pipLayers = try FixtureImages.pipLayers.get()
        let base = directory + "/language-base"
        let rootfs = try FixtureImages.languageRootfs.get()
        try FixtureImages.buildImage(layout: base, tag: "base", layers: [rootfs + ":none"])
        let languageCatalog = directory + "/language.yaml"
        #expect(Command.main(["catalog", "add", "-q", "oci:\(base):base", "--catalog", languageCatalog,
                              "--owner", "python-team", "--repository", "registry.example/base/python"]) == .success)
        for (tag, layers) in [("installed", LineageSplit(base: 1, application: 1)),
                              ("upgraded", LineageSplit(base: 1, application: 2))] {
            let report = try scan("oci:\(pipLayers):\(tag)", catalog: languageCatalog)
            #expect(report.lineage?.base?.name == "registry.example/base/python")
            #expect(report.lineage?.layers == layers)
            #expect(Self.lineageFindings(report).isEmpty, "\(tag): \(Self.lineageFindings(report).map(\.title))")
        }
    }
}

import Foundation
import Lineage
import Report
import SafeguardCLI
import TestSupport
import Testing

/// `scan --fetch-bases` against a real registry: the base an image names is fetched (manifest and config) and
/// believed only when its layers are the image's first layers; without the flag no named host is contacted.
@Suite(.serialized) struct BaseFetchTests {
    static let nameKey = "org.opencontainers.image.base.name"
    static let digestKey = "org.opencontainers.image.base.digest"

    /// A base pushed to the registry, and the small image's two layer tarballs to build applications from.
    struct Fixture {
        let registry: LocalRegistry
        let image: SmallImage
        let base: String
        let baseDigest: String

        init(_ name: String) throws {
            registry = try LocalRegistry.shared.get()
            image = try SmallImage()
            baseDigest = try FixtureImages.buildImage(layout: image.layout, tag: "base",
                                                      layers: [image.directory + "/base.tar:gzip"],
                                                      extra: ["--history", "ADD base.tar /"])
            base = try registry.push("oci:\(image.layout):base", as: "\(name)/base:1")
        }

        /// Pushes an application made of `layers` (tarball names in the image's directory) with `labels`, and
        /// scans it from the registry.
        func scanApplication(layers: [String], labels: [String: String], fetch: Bool = true,
                             catalog: String? = nil) throws -> ScanReport {
            let tag = "app-\(UUID().uuidString.prefix(8).lowercased())"
            let extra = labels.sorted { $0.key < $1.key }.flatMap { ["--label", "\($0.key)=\($0.value)"] }
            try FixtureImages.buildImage(layout: image.layout, tag: tag,
                                         layers: layers.map { image.directory + "/\($0):gzip" },
                                         extra: layers.flatMap { ["--history", "ADD \($0) /"] } + extra)
            let reference = try registry.push("oci:\(image.layout):\(tag)", as: "\(tag)/app:1")
            let output = image.directory + "/\(tag).json"
            let environment = ProcessInfo.processInfo.environment
                .merging(["SAFEGUARD_DB": image.directory + "/none.db"]) { $1 }
            let status = Command.main(["scan", "-q", "--format", "json", "--output", output]
                                      + (fetch ? ["--fetch-bases"] : []) + (catalog.map { ["--catalog", $0] } ?? [])
                                      + [reference], environment: environment)
            #expect(status == .success)
            return try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        }
    }

    @Test func aBasePinnedByDigestWhoseLayersArePrefixIsTheBase() throws {
        let fixture = try Fixture("pinned")
        defer { fixture.image.remove() }
        let labels = [Self.nameKey: fixture.base, Self.digestKey: fixture.baseDigest]
        let report = try fixture.scanApplication(layers: ["base.tar", "top.tar"], labels: labels)
        let lineage = try #require(report.lineage)
        let base = try #require(lineage.base, "no base decided: \(lineage.note ?? "")")
        #expect(base.name == String(fixture.base.dropLast(":1".count)))
        #expect(base.digest == fixture.baseDigest)
        #expect(base.method == .label && base.confidence == .high && base.layerCount == 1)
        #expect(lineage.claims.count == 1 && lineage.claims.allSatisfy(\.confirmed))
        #expect(lineage.layers == LineageSplit(base: 1, application: 1))
    }

    @Test func aBaseNamedByTagAloneIsBelievedWithMediumConfidence() throws {
        let fixture = try Fixture("tagged")
        defer { fixture.image.remove() }
        let report = try fixture.scanApplication(layers: ["base.tar", "top.tar"], labels: [Self.nameKey: fixture.base])
        let base = try #require(report.lineage?.base)
        #expect(base.digest == fixture.baseDigest && base.confidence == .medium)
    }

    @Test func withoutTheFlagNoBaseIsFetchedAndTheNoteSaysHow() throws {
        let fixture = try Fixture("unfetched")
        defer { fixture.image.remove() }
        let report = try fixture.scanApplication(layers: ["base.tar", "top.tar"],
                                                 labels: [Self.nameKey: fixture.base], fetch: false)
        let lineage = try #require(report.lineage)
        #expect(lineage.base == nil)
        #expect(lineage.claims.allSatisfy { !$0.confirmed })
        #expect(lineage.note?.contains("--fetch-bases") == true, "\(lineage.note ?? "")")
    }

    @Test func aClaimedBaseWhoseLayersAreNotAPrefixIsNotBelieved() throws {
        let fixture = try Fixture("lying")
        defer { fixture.image.remove() }
        // The application is built on other content than the base it names.
        let report = try fixture.scanApplication(layers: ["top.tar"], labels: [Self.nameKey: fixture.base])
        let lineage = try #require(report.lineage)
        #expect(lineage.base == nil)
        #expect(lineage.claims.allSatisfy { !$0.confirmed })
        #expect(lineage.note?.contains("is a prefix of its layers") == true, "\(lineage.note ?? "")")
    }

    @Test func withACatalogTheCatalogDecidesAndAFetchedBaseItDoesNotListIsUnapproved() throws {
        let fixture = try Fixture("cataloged")
        defer { fixture.image.remove() }
        // The catalog vets another image only: the fetched base bears the claim out but is not approved.
        let catalog = fixture.image.directory + "/bases.yaml"
        try FixtureImages.buildImage(layout: fixture.image.layout, tag: "other",
                                     layers: [fixture.image.directory + "/top.tar:gzip"])
        #expect(Command.main(["catalog", "add", "-q", "oci:\(fixture.image.layout):other", "--catalog", catalog,
                              "--owner", "platform-team", "--repository", "registry.example/other"]) == .success)
        let report = try fixture.scanApplication(layers: ["base.tar", "top.tar"], labels: [Self.nameKey: fixture.base],
                                                 catalog: catalog)
        let lineage = try #require(report.lineage)
        #expect(lineage.base == nil)
        #expect(lineage.claims.count == 1 && lineage.claims.allSatisfy(\.confirmed))
        let unapproved = report.findings.filter { $0.ruleID == "SG-LINEAGE-001" }
        #expect(unapproved.count == 1 && unapproved.first?.title.contains("the catalog does not list it") == true,
                "\(report.findings.map(\.title))")
    }

    @Test func aBaseThatCannotBeFetchedLeavesTheClaimUnconfirmedAndTheScanGoesOn() throws {
        let fixture = try Fixture("unreachable")
        defer { fixture.image.remove() }
        let missing = fixture.registry.host + "/no/such-base:1"
        let report = try fixture.scanApplication(layers: ["base.tar", "top.tar"], labels: [Self.nameKey: missing])
        let lineage = try #require(report.lineage)
        #expect(lineage.base == nil)
        #expect(lineage.note?.contains("could not be fetched") == true, "\(lineage.note ?? "")")
    }
}

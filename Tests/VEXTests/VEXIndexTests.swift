import Foundation
import Testing
import VEX

/// Which statement decides a finding: by vulnerability and alias, by product (image or package, with
/// subcomponents), by purl rules, and the latest by timestamp.
@Suite struct VEXIndexTests {
    static let image = ["pkg:oci/debian@sha256%3Aabc?repository_url=docker.io/library/debian",
                        "sha256:abc", "docker.io/library/debian:12"]
    static let libc = "pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12"

    static func statement(_ vulnerability: String = "CVE-1", aliases: [String] = [], products: [VEXProduct],
                          status: VEXStatus = .notAffected, at time: TimeInterval? = nil) -> VEXStatement {
        VEXStatement(vulnerability: vulnerability, aliases: aliases, products: products, status: status,
                     justification: status == .notAffected ? .componentNotPresent : nil,
                     actionStatement: status == .affected ? "upgrade" : nil,
                     timestamp: time.map { Date(timeIntervalSince1970: $0) }, source: "t.json")
    }

    static func product(_ id: String, subcomponents: [String] = []) -> VEXProduct {
        VEXProduct(VEXComponent(id: id), subcomponents: subcomponents.map { VEXComponent(id: $0) })
    }

    static func index(_ statements: VEXStatement...) -> VEXIndex {
        VEXIndex([VEXDocument(source: "t.json", statements: statements)])
    }

    func decide(_ index: VEXIndex, ids: [String] = ["CVE-1"], purl: String = libc) -> VEXStatement? {
        index.statement(for: ids, purl: purl, imageIdentifiers: Self.image)
    }

    @Test(arguments: [
        // (comment, statement product, whether it decides libc6 in the image)
        ("the package's purl exactly", libc, true),
        ("the package without version: any version", "pkg:deb/debian/libc6", true),
        ("a qualifier the package has", "pkg:deb/debian/libc6@2.36-9?arch=amd64", true),
        ("a qualifier value the package does not have", "pkg:deb/debian/libc6@2.36-9?arch=arm64", false),
        ("a qualifier the package lacks", "pkg:deb/debian/libc6?repository_url=x", false),
        ("another version", "pkg:deb/debian/libc6@2.36-10", false),
        ("another namespace", "pkg:deb/ubuntu/libc6", false),
        ("another name", "pkg:deb/debian/libc-bin", false),
        ("the purl percent-encoded differently", "pkg:deb/debian/libc6@2.36%2D9", true),
        ("the image purl", "pkg:oci/debian@sha256%3Aabc", true),
        ("the image purl with its repository", "pkg:oci/debian@sha256:abc?repository_url=docker.io/library/debian",
         true),
        ("another image digest", "pkg:oci/debian@sha256%3Adef", false),
        ("the image digest", "sha256:abc", true),
        ("the image reference", "docker.io/library/debian:12", true),
        ("another reference", "docker.io/library/debian:11", false),
        ("not a valid purl", "pkg:deb", false),
    ] as [(String, String, Bool)])
    func productsMatchTheImageOrThePackage(comment: String, product: String, decides: Bool) {
        let index = Self.index(Self.statement(products: [Self.product(product)]))
        #expect((decide(index) != nil) == decides, "\(comment)")
    }

    @Test(arguments: [
        ("the image, with the package as subcomponent", "pkg:oci/debian@sha256%3Aabc", ["pkg:deb/debian/libc6"], true),
        ("the image, with another package as subcomponent", "pkg:oci/debian@sha256%3Aabc",
         ["pkg:deb/debian/openssl"], false),
        ("another image, with the package as subcomponent", "pkg:oci/alpine@sha256%3Aabc",
         ["pkg:deb/debian/libc6"], false),
        ("the image digest, with the package among subcomponents", "sha256:abc",
         ["pkg:deb/debian/zlib1g", "pkg:deb/debian/libc6@2.36-9"], true),
    ] as [(String, String, [String], Bool)])
    func aProductWithSubcomponentsMatchesOnlyThroughThem(comment: String, product: String, subcomponents: [String],
                                                        decides: Bool) {
        let index = Self.index(Self.statement(products: [Self.product(product, subcomponents: subcomponents)]))
        #expect((decide(index) != nil) == decides, "\(comment)")
    }

    @Test func identifiersBesideTheIDMatchToo() {
        let product = VEXProduct(VEXComponent(id: "https://example.com/product/1",
                                              identifiers: ["purl": "pkg:deb/debian/libc6"]))
        #expect(decide(Self.index(Self.statement(products: [product]))) != nil)
    }

    @Test func anyOfTheAdvisoryIDsAndTheStatementsAliasesMatch() {
        let index = Self.index(Self.statement("CVE-2024-1", aliases: ["GHSA-xxxx-yyyy-zzzz"],
                                              products: [Self.product(Self.libc)]))
        #expect(decide(index, ids: ["GHSA-xxxx-yyyy-zzzz"]) != nil)
        #expect(decide(index, ids: ["DSA-1", "cve-2024-1"]) != nil)
        #expect(decide(index, ids: ["CVE-2024-2"]) == nil)
    }

    @Test func theLatestStatementByTimestampDecides() {
        let product = [Self.product(Self.libc)]
        let index = VEXIndex([
            VEXDocument(source: "a.json", statements: [Self.statement(products: product, status: .affected, at: 300),
                                                       Self.statement(products: product, status: .fixed, at: 100)]),
            VEXDocument(source: "b.json", statements: [Self.statement(products: product, status: .notAffected,
                                                                      at: 200)]),
        ])
        #expect(decide(index)?.status == .affected)
    }

    @Test func ofEqualTimestampsTheLaterInInputWinsAndUndatedStatementsAreOldest() {
        let product = [Self.product(Self.libc)]
        let tie = Self.index(Self.statement(products: product, status: .underInvestigation, at: 100),
                             Self.statement(products: product, status: .fixed, at: 100))
        #expect(decide(tie)?.status == .fixed)
        let undated = Self.index(Self.statement(products: product, status: .fixed, at: 100),
                                 Self.statement(products: product, status: .underInvestigation))
        #expect(decide(undated)?.status == .fixed)
    }

    @Test func aStatementAboutAnotherProductDoesNotHideTheLatestAboutThisOne() {
        let index = Self.index(Self.statement(products: [Self.product(Self.libc)], status: .fixed, at: 100),
                               Self.statement(products: [Self.product("pkg:deb/debian/zlib1g")], status: .affected,
                                              at: 200))
        #expect(decide(index)?.status == .fixed)
    }

    @Test func onlyNotAffectedAndFixedSuppressFindings() {
        let suppressing = VEXStatus.allCases.filter { status in
            Self.statement(products: [], status: status).suppressesFinding
        }
        #expect(suppressing == [.notAffected, .fixed])
    }

    /// End to end: a parsed document decides a finding.
    @Test func aParsedDocumentDecidesAFinding() throws {
        let document = try VEXDocument.parse(Array("""
            {"@context": "https://openvex.dev/ns/v0.2.0", "timestamp": "2024-01-01T00:00:00Z", "statements": [
              {"vulnerability": {"name": "CVE-2024-1"}, "products": [{"@id": "pkg:oci/debian@sha256%3Aabc",
               "subcomponents": [{"@id": "pkg:deb/debian/libc6"}]}], "status": "not_affected",
               "justification": "vulnerable_code_not_in_execute_path"}]}
            """.utf8), source: "image.vex.json")
        let statement = try #require(VEXIndex([document]).statement(for: ["CVE-2024-1"], purl: Self.libc,
                                                                    imageIdentifiers: Self.image))
        #expect(statement.source == "image.vex.json")
        #expect(statement.justification == .vulnerableCodeNotInExecutePath)
        #expect(statement.suppressesFinding)
    }
}

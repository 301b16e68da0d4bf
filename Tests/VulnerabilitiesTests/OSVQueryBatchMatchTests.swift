import AdvisoryDatabase
import Foundation
import SBOM
import TestSupport
import Testing
import Vulnerabilities

/// The whole path, import to match, against what osv.dev answered for real package versions
/// (`querybatch-expectations.json`): for every advisory in the corpus that names the package, the matcher must
/// report it exactly when osv.dev did.
@Suite(.enabled(if: TestPaths.hasCorpus("vulndata/osv"), "needs shared/corpora/vulndata/osv"))
struct OSVQueryBatchMatchTests {
    struct Expectation: Decodable {
        struct Query: Decodable {
            var ecosystem: String?
            var name: String?
        }
        var package: Query
        var version: String?
        var vulns: [Vulnerability]

        /// osv.dev lists IDs, or objects with an `id`.
        enum Vulnerability: Decodable {
            case id(String)
            init(from decoder: any Decoder) throws {
                if let text = try? decoder.singleValueContainer().decode(String.self) {
                    self = .id(text)
                    return
                }
                struct Object: Decodable { var id: String }
                self = .id(try Object(from: decoder).id)
            }
            var id: String { switch self { case .id(let text): text } }
        }
    }

    /// The package an expectation queries, in an image of the distribution its ecosystem names.
    static func package(_ query: Expectation.Query, version: String) -> (Package, OperatingSystem?)? {
        guard let ecosystem = query.ecosystem, let name = query.name else { return nil }
        let parts = ecosystem.split(separator: ":").map(String.init)
        func system(_ id: String, _ release: String) -> OperatingSystem {
            OperatingSystem(id: id, versionID: release, prettyName: nil, codename: nil, like: [])
        }
        let types: [String: PackageType] = ["PyPI": .pypi, "npm": .npm, "Go": .golang, "crates.io": .cargo,
                                            "Maven": .maven, "RubyGems": .gem]
        if parts.count == 1, let type = types[ecosystem] {
            return (Package(name: name, version: version, type: type, purl: "pkg:\(type.rawValue)/x@\(version)"), nil)
        }
        // Distribution packages: the query names the source package, so it is given as its own source.
        switch parts.first {
        case "Debian" where parts.count == 2:
            return (Package(name: name, version: version, type: .deb, purl: "pkg:deb/debian/\(name)@\(version)",
                            sourceName: name), system("debian", parts[1]))
        case "Ubuntu" where parts.count == 2:
            return (Package(name: name, version: version, type: .deb, purl: "pkg:deb/ubuntu/\(name)@\(version)",
                            sourceName: name), system("ubuntu", parts[1]))
        case "Alpine" where parts.count == 2 && parts[1].hasPrefix("v"):
            return (Package(name: name, version: version, type: .apk, purl: "pkg:apk/alpine/\(name)@\(version)",
                            sourceName: name), system("alpine", String(parts[1].dropFirst())))
        default:
            return nil
        }
    }

    @Test func matchesWhatOSVDevAnswered() throws {
        let corpus = TestPaths.corpus("vulndata/osv")
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try AdvisoryWriter(path: directory + "/advisories.db")
        _ = try AdvisoryImport.run([corpus], into: writer)
        try writer.commit()
        let database = try AdvisoryDatabase(readingAt: directory + "/advisories.db")

        let data = try Data(contentsOf: URL(fileURLWithPath: corpus + "/from-osv-scanner/querybatch-expectations.json"))
        var compared = 0
        var affected = 0
        for expectation in try JSONDecoder().decode([Expectation].self, from: data) {
            guard let version = expectation.version,
                  let (package, system) = Self.package(expectation.package, version: version) else { continue }
            let base = PackageNames.baseEcosystem(expectation.package.ecosystem!)
            let rows = try database.candidates(named: package.sourceName ?? package.name, baseEcosystem: base) {
                $0 == expectation.package.ecosystem
            }
            let known = Set(try rows.map { try database.advisory(row: $0.row).id })
            guard !known.isEmpty else { continue }
            let sbom = SoftwareBillOfMaterials(operatingSystem: system, packages: [package], warnings: [])
            let report = try VulnerabilityMatcher(database: database).match(sbom)
            let found = Set(report.matches.map(\.advisory)).intersection(known)
            let expected = Set(expectation.vulns.map(\.id)).intersection(known)
            #expect(found == expected, "\(expectation.package.ecosystem!) \(package.name) \(version)")
            #expect(report.unchecked.isEmpty, "\(report.unchecked)")
            compared += known.count
            affected += expected.count
        }
        // Enough pairs, both ways, for the comparison to mean something.
        #expect(compared >= 40 && affected >= 10 && compared - affected >= 10,
                "\(compared) pairs, \(affected) affected")
    }
}

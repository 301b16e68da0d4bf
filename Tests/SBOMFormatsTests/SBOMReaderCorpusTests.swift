import Foundation
import SBOM
import SBOMFormats
import TestSupport
import Testing

/// The CycloneDX specification's test documents and the SPDX tools' examples.
@Suite struct SBOMReaderCorpusTests {
    static let cycloneDX = "sbom/cyclonedx-spec-testdata"
    static let spdx = "sbom/spdx-tools"

    /// The JSON documents of a corpus folder whose names start with `prefix`, one level of version folders down.
    static func documents(_ corpus: String, prefix: String = "") throws -> [String] {
        let root = TestPaths.corpus(corpus)
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { ($0 as NSString).lastPathComponent.hasPrefix(prefix) && $0.hasSuffix(".json") }
            .sorted().map { root + "/" + $0 }
    }

    static func read(_ path: String) throws -> SoftwareBillOfMaterials {
        try SBOMReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), source: path)
    }

    @Test(.enabled(if: TestPaths.hasCorpus(cycloneDX), "needs shared/corpora/\(cycloneDX)"))
    func everyValidCycloneDXDocumentReads() throws {
        let paths = try Self.documents(Self.cycloneDX, prefix: "valid-")
        #expect(paths.count > 100)
        for path in paths {
            #expect(throws: Never.self, "\(path)") { try Self.read(path) }
        }
    }

    /// The invalid documents break the schema, often in fields not read here: they may read, or must throw an
    /// `SBOMReadError` (the typed throw guarantees the type) whose message names the file; none may crash.
    @Test(.enabled(if: TestPaths.hasCorpus(cycloneDX), "needs shared/corpora/\(cycloneDX)"))
    func invalidCycloneDXDocumentsReadOrThrowAnErrorNamingTheFile() throws {
        let paths = try Self.documents(Self.cycloneDX, prefix: "invalid-")
        #expect(paths.count > 20)
        for path in paths {
            do {
                _ = try SBOMReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), source: path)
            } catch let error as SBOMReadError {
                #expect(error.description.hasPrefix(path + ": "))
            }
        }
    }

    @Test(.enabled(if: TestPaths.hasCorpus(spdx), "needs shared/corpora/\(spdx)"))
    func everySPDXExampleReads() throws {
        let paths = try Self.documents(Self.spdx)
        #expect(!paths.isEmpty)
        for path in paths {
            let read = try Self.read(path)
            #expect(!read.packages.isEmpty, "\(path)")
        }
    }

    /// Trivy's SPDX 2.2: no operating-system purpose, the source package in `sourceInfo`.
    @Test(.enabled(if: TestPaths.hasCorpus(spdx), "needs shared/corpora/\(spdx)"))
    func trivysDocumentReadsWithSourcePackagesAndTheDistribution() throws {
        let name = "spdx-trivy-vmware_log-intelligence-fluentd-sha256_"
            + "086af034f561f343f633be9d9f9e95f65ae6c61b8ddb2c6755ef5bb25b40f53a.json"
        let read = try Self.read(TestPaths.corpus(Self.spdx + "/" + name))
        #expect(read.operatingSystem == OperatingSystem(id: "debian", versionID: "10.8"))
        #expect(Set(read.packages.map(\.type)) == [.deb, .gem])
        let libc6 = try #require(read.packages.first { $0.name == "libc6" })
        #expect(libc6.version == "2.28-10")
        #expect(libc6.sourceName == "glibc")
        #expect(libc6.sourceVersion == nil)
        let bsdutils = try #require(read.packages.first { $0.name == "bsdutils" })
        #expect(bsdutils.sourceName == "util-linux")
        #expect(bsdutils.sourceVersion == "2.33.1-0.1")
    }

    @Test(.enabled(if: TestPaths.hasCorpus(spdx), "needs shared/corpora/\(spdx)"))
    func theSPDXExampleKeepsOnlyPackagesWithAPurl() throws {
        let read = try Self.read(TestPaths.corpus(Self.spdx + "/SPDXJSONExample-v2.3.spdx.json"))
        #expect(read.packages.map(\.purl) == ["pkg:maven/org.apache.jena/apache-jena@3.12.0"])
        #expect(read.packages.first?.name == "org.apache.jena:apache-jena")
        #expect(!read.warnings.isEmpty)
    }
}

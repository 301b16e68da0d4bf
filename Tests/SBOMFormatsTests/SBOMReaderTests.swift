import Foundation
import SBOM
import SBOMFormats
import TestSupport
import Testing

/// Reading our own documents back, and syft's.
@Suite struct SBOMReaderTests {
    /// What a round trip must keep of each package.
    struct Identity: Hashable, CustomStringConvertible {
        var type: PackageType
        var name: String
        var version: String
        var purl: String
        var sourceName: String?

        init(_ package: Package) {
            (type, name, version, purl, sourceName) = (package.type, package.name, package.version, package.purl,
                                                       package.sourceName)
        }

        var description: String { "\(type.rawValue)/\(name)@\(version) \(purl) from \(sourceName ?? "-")" }
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        let path = TestPaths.packageRoot + "/Tests/SBOMFormatsTests/Fixtures/" + name
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test(arguments: ["CycloneDX", "SPDX"])
    func ourDocumentsReadBackWithTheSamePackagesAndDistribution(format: String) throws {
        let text = format == "SPDX" ? try SPDXWriter.render(SampleSBOM.sbom, subject: SampleSBOM.subject)
            : try CycloneDXWriter.render(SampleSBOM.sbom, subject: SampleSBOM.subject)
        let read = try SBOMReader.read(Array(text.utf8), source: "sample.json")

        #expect(Set(read.packages.map(Identity.init)) == Set(SampleSBOM.sbom.packages.map(Identity.init)))
        #expect(read.packages.count == SampleSBOM.sbom.packages.count)
        #expect(read.operatingSystem?.id == "debian")
        #expect(read.operatingSystem?.versionID == "12")
        #expect(read.operatingSystem?.prettyName == "Debian GNU/Linux 12 (bookworm)")
        #expect(read.warnings == [])
    }

    @Test(arguments: ["CycloneDX", "SPDX"])
    func ourDocumentsKeepLayersLocationsAndArchitecture(format: String) throws {
        let text = format == "SPDX" ? try SPDXWriter.render(SampleSBOM.sbom, subject: SampleSBOM.subject)
            : try CycloneDXWriter.render(SampleSBOM.sbom, subject: SampleSBOM.subject)
        let read = try SBOMReader.read(Array(text.utf8), source: "sample.json")
        let login = try #require(read.packages.first { $0.name == "login" })
        #expect(login.introducedLayer == 1)
        #expect(login.changedLayer == 2)
        #expect(login.locations == ["var/lib/dpkg/status", "var/lib/dpkg/info/login.list"])
        #expect(login.architecture == "amd64")
        #expect(login.licenses == ["GPL-2.0-or-later WITH Classpath-exception-2.0"])
    }

    @Test func ourCycloneDXKeepsTheCodename() throws {
        let text = try CycloneDXWriter.render(SampleSBOM.sbom, subject: SampleSBOM.subject)
        let read = try SBOMReader.read(Array(text.utf8), source: "sample.cdx.json")
        #expect(read.operatingSystem?.codename == "bookworm")
    }

    @Test func syftCycloneDXReadsWithSourcePackagesAndTheDistribution() throws {
        let read = try SBOMReader.read(try Self.fixture("syft-debian-two-layers.cdx.json"), source: "syft.cdx.json")
        #expect(read.packages.count == 30)
        #expect(read.packages.allSatisfy { $0.type == .deb })
        #expect(read.warnings == [])
        #expect(read.operatingSystem == OperatingSystem(id: "debian", versionID: "12",
                                                        prettyName: "Debian GNU/Linux 12 (bookworm)",
                                                        codename: "bookworm"))
        try expectSyftSourcePackages(read)
        let adduser = try #require(read.packages.first { $0.name == "adduser" })
        #expect(adduser.licenses == ["GPL-2.0-only", "GPL-2.0-or-later"])
        #expect(adduser.locations == ["usr/share/doc/adduser/copyright"])
    }

    @Test func syftSPDXReadsWithSourcePackagesAndTheDistributionFromPurls() throws {
        let read = try SBOMReader.read(try Self.fixture("syft-debian-two-layers.spdx.json"), source: "syft.spdx.json")
        // 31 packages: the image is one, and is not a package to match.
        #expect(read.packages.count == 30)
        #expect(read.warnings == [])
        // Syft's SPDX has no operating-system package: the `distro` qualifier says it.
        #expect(read.operatingSystem == OperatingSystem(id: "debian", versionID: "12"))
        try expectSyftSourcePackages(read)
    }

    /// Syft writes `upstream=glibc`, or `upstream=bash@5.2.15-2` when the source version differs (a binNMU).
    func expectSyftSourcePackages(_ read: SoftwareBillOfMaterials) throws {
        let libc6 = try #require(read.packages.first { $0.name == "libc6" })
        #expect(libc6.version == "2.36-9+deb12u14")
        #expect(libc6.purl == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12&upstream=glibc")
        #expect(libc6.sourceName == "glibc")
        #expect(libc6.sourceVersion == nil)
        let bash = try #require(read.packages.first { $0.name == "bash" })
        #expect(bash.version == "5.2.15-2+b13")
        #expect(bash.sourceName == "bash")
        #expect(bash.sourceVersion == "5.2.15-2")
        let bsdutils = try #require(read.packages.first { $0.name == "bsdutils" })
        #expect(bsdutils.version == "1:2.38.1-5+deb12u3")
        #expect(bsdutils.sourceName == "util-linux")
        #expect(bsdutils.architecture == "amd64")
    }

    @Test func ecosystemNamesComeFromThePurl() throws {
        let document = """
            {"bomFormat": "CycloneDX", "specVersion": "1.4", "components": [
              {"type": "library", "name": "commons-lang3", "group": "org.apache.commons", "version": "3.12.0",
               "purl": "pkg:maven/org.apache.commons/commons-lang3@3.12.0"},
              {"type": "library", "name": "core", "group": "@babel", "version": "7.23.0",
               "purl": "pkg:npm/%40babel/core@7.23.0"},
              {"type": "library", "name": "golang.org/x/net", "version": "v0.17.0",
               "purl": "pkg:golang/golang.org/x/net@v0.17.0"},
              {"type": "library", "name": "Django", "version": "4.2.7", "purl": "pkg:pypi/django@4.2.7"},
              {"type": "library", "name": "bash", "purl": "pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&epoch=1"}
            ]}
            """
        let read = try SBOMReader.read(Array(document.utf8), source: "names.json")
        #expect(read.packages.map(\.name) == ["golang.org/x/net", "org.apache.commons:commons-lang3", "@babel/core",
                                              "Django", "bash"])
        #expect(read.packages.map(\.type) == [.golang, .maven, .npm, .pypi, .rpm])
        // With no version field, the rpm version is rebuilt with the epoch the purl keeps in a qualifier.
        #expect(read.packages.last?.version == "1:5.1.8-6.el9")
    }

    @Test func componentsWithoutAPurlAreKeptOnlyWhenTheirTypeIsKnown() throws {
        let document = """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
              {"type": "library", "name": "requests", "version": "2.31.0",
               "properties": [{"name": "syft:package:type", "value": "python"}]},
              {"type": "library", "name": "mystery", "version": "1"},
              {"type": "library", "name": "repo", "purl": "pkg:github/package-url/purl-spec@244fd47"},
              {"type": "library", "name": "broken", "purl": "pkg:deb/debian/x?a=1&a=2"},
              {"type": "file", "name": "etc/passwd"}
            ]}
            """
        let read = try SBOMReader.read(Array(document.utf8), source: "some.cdx.json")
        #expect(read.packages.map(\.name) == ["requests"])
        #expect(read.packages.first?.type == .pypi)
        #expect(read.warnings.count == 3)
        #expect(read.warnings.allSatisfy { $0.cataloger == "sbom" && $0.path == "some.cdx.json" })
        #expect(read.warnings[0].message.hasPrefix("$.components[1]: \"mystery\" skipped"))
        #expect(read.warnings[1].message.contains("\"github\""))
        #expect(read.warnings[2].message.hasPrefix("$.components[3]: \"broken\" skipped"))
    }

    @Test func nestedComponentsAreRead() throws {
        let document = """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
              {"type": "application", "name": "app", "components": [
                {"type": "library", "name": "left-pad", "purl": "pkg:npm/left-pad@1.3.0"}]}
            ]}
            """
        let read = try SBOMReader.read(Array(document.utf8), source: "nested.json")
        #expect(read.packages.map(\.purl) == ["pkg:npm/left-pad@1.3.0"])
        #expect(read.warnings.count == 1)
    }
}

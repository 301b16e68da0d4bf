import TestSupport
import Foundation
import SBOM
@testable import SBOMFormats
import Testing

@Suite struct SPDXWriterTests {
    let text: String
    let document: [String: Any]

    init() throws {
        text = try SPDXWriter.render(SampleSBOM.sbom, subject: SampleSBOM.subject)
        document = try JSONDocument(text).root
    }

    var packages: [[String: Any]] { JSONDocument.objects(document, "packages") }

    func package(_ name: String) throws -> [String: Any] {
        try #require(packages.first { $0["name"] as? String == name }, "no package named \(name)")
    }

    func identifier(_ name: String) throws -> String { try package(name)["SPDXID"] as! String }

    func relationships(_ type: String, from element: String) -> [String] {
        JSONDocument.objects(document, "relationships").filter {
            $0["relationshipType"] as? String == type && $0["spdxElementId"] as? String == element
        }.compactMap { $0["relatedSpdxElement"] as? String }
    }

    @Test(.enabled(Comment(rawValue: SBOMValidators.need)) { SBOMValidators.available })
    func theSPDXValidatorAcceptsIt() throws {
        #expect(try SBOMValidators.shared.get().spdxErrors(text) == [])
    }

    /// Guards the test above: a validator that accepts anything would make it pass for nothing.
    @Test(.enabled(Comment(rawValue: SBOMValidators.need)) { SBOMValidators.available })
    func theSPDXValidatorRejectsAnUnlistedLicenceIdentifier() throws {
        var broken = document
        var list = packages
        list[list.count - 1]["licenseDeclared"] = "Not-A-Listed-Licence"
        broken["packages"] = list
        let errors = try SBOMValidators.shared.get().spdxErrors(try JSONDocument.text(broken))
        #expect(errors.contains { $0.contains("Not-A-Listed-Licence") }, "\(errors)")
    }

    @Test func describesTheImageAsAContainerPackage() throws {
        #expect(document["spdxVersion"] as? String == "SPDX-2.3")
        #expect(document["dataLicense"] as? String == "CC0-1.0")
        #expect(document["SPDXID"] as? String == "SPDXRef-DOCUMENT")
        #expect(document["name"] as? String == "docker.io/library/debian:12")
        let creation = try #require(document["creationInfo"] as? [String: Any])
        #expect(creation["created"] as? String == "2024-12-03T15:12:10Z")
        #expect(creation["creators"] as? [String] == ["Tool: safeguard-0.4.0"])
        let image = try package("docker.io/library/debian")
        #expect(image["primaryPackagePurpose"] as? String == "CONTAINER")
        #expect(image["versionInfo"] as? String == SampleSBOM.manifestDigest)
        let purl = try #require(JSONDocument.objects(image, "externalRefs").first?["referenceLocator"] as? String)
        #expect(purl.hasPrefix("pkg:oci/debian@sha256"))
        #expect(relationships("DESCRIBES", from: "SPDXRef-DOCUMENT") == [image["SPDXID"] as! String])
        let contained = relationships("CONTAINS", from: image["SPDXID"] as! String)
        #expect(contained.count == SampleSBOM.sbom.packages.count + 1)
        #expect(contained.contains(try identifier("debian")))
    }

    @Test func carriesEachCatalogWarningAsADocumentAnnotation() throws {
        let annotations = JSONDocument.objects(document, "annotations")
        #expect(annotations.count == 1)
        #expect(annotations.first?["annotationType"] as? String == "OTHER")
        #expect(annotations.first?["annotator"] as? String == "Tool: safeguard-0.4.0")
        #expect(annotations.first?["comment"] as? String
            == "python: usr/lib/python3/dist-packages/x-1.dist-info/METADATA (layer 2): not UTF-8 at byte 12")
    }

    @Test func describesEachPackageWithItsPurlAndLayer() throws {
        let login = try package("login")
        #expect(login["versionInfo"] as? String == "1:4.13+dfsg1-1+b1")
        #expect(login["downloadLocation"] as? String == "NOASSERTION")
        #expect(login["filesAnalyzed"] as? Bool == false)
        #expect(login["licenseConcluded"] as? String == "NOASSERTION")
        let reference = try #require(JSONDocument.objects(login, "externalRefs").first)
        #expect(reference["referenceCategory"] as? String == "PACKAGE-MANAGER")
        #expect(reference["referenceType"] as? String == "purl")
        #expect((reference["referenceLocator"] as? String)?.hasPrefix("pkg:deb/debian/login@1:4.13%2Bdfsg1") == true)
        let sourceInfo = try #require(login["sourceInfo"] as? String)
        #expect(sourceInfo.contains("introduced by layer 1 (\(SampleSBOM.layerDigests[1]))"))
        #expect(sourceInfo.contains("last changed by layer 2 (\(SampleSBOM.layerDigests[2]))"))
        #expect(sourceInfo.contains("built from source shadow"))
    }

    @Test func givesEveryPackageAUniqueSanitisedIdentifier() throws {
        let identifiers = packages.compactMap { $0["SPDXID"] as? String }
        #expect(identifiers.count == packages.count && Set(identifiers).count == identifiers.count)
        for identifier in identifiers {
            #expect(identifier.wholeMatch(of: /SPDXRef-[A-Za-z0-9.\-]+/) != nil, "\(identifier)")
        }
        #expect(try identifier("libstdc++6").wholeMatch(of: /SPDXRef-Package-deb-libstdc--6-[0-9a-f]{16}/) != nil)
        #expect(try identifier("charset_normalizer").hasPrefix("SPDXRef-Package-pypi-charset-normalizer-"))
    }

    @Test func declaresLicencesOnlyAsValidExpressions() throws {
        #expect(try package("libssl3")["licenseDeclared"] as? String == "Apache-2.0")
        #expect(try package("urllib3")["licenseDeclared"] as? String == "MIT")
        #expect(try package("libc6")["licenseDeclared"] as? String == "LGPL-2.1-or-later AND GPL-2.0-or-later")
        #expect(try package("gcc-12-base")["licenseDeclared"] as? String == "NOASSERTION")
        #expect(try package("login")["licenseDeclared"] as? String == "GPL-2.0-or-later WITH Classpath-exception-2.0")
        let perl = try #require(try package("libtext-charwidth-perl")["licenseDeclared"] as? String)
        #expect(perl.wholeMatch(of: /LicenseRef-Artistic AND LicenseRef-GPL-1--[0-9a-f]{8}/) != nil, "\(perl)")
        let requests = try #require(try package("requests")["licenseDeclared"] as? String)
        #expect(requests.wholeMatch(of: /LicenseRef-Apache-Software-License-[0-9a-f]{8}/) != nil, "\(requests)")

        let extracted = JSONDocument.objects(document, "hasExtractedLicensingInfos")
        let declared = Dictionary(uniqueKeysWithValues: extracted.map { ($0["licenseId"] as! String, $0) })
        #expect(declared.count == 3)
        #expect(declared[requests]?["name"] as? String == "Apache Software License")
        #expect(declared["LicenseRef-Artistic"]?["extractedText"] as? String == "Artistic")
    }

    @Test func recordsDependenciesAsRelationships() throws {
        let libc6 = try identifier("libc6")
        #expect(Set(relationships("DEPENDS_ON", from: try identifier("libgcc-s1")))
                == [try identifier("gcc-12-base"), libc6])
        #expect(relationships("DEPENDS_ON", from: try identifier("login")) == [libc6])
        #expect(relationships("DEPENDS_ON", from: try identifier("busybox")) == [try identifier("musl")])
        #expect(relationships("DEPENDS_ON", from: try identifier("gcc-12-base")) == [])
    }

    @Test func derivesTheNamespaceFromTheImage() throws {
        let namespace = try #require(document["documentNamespace"] as? String)
        #expect(namespace.hasPrefix("https://spdx.org/spdxdocs/safeguard/docker.io-library-debian-"))
        #expect(try SPDXWriter.render(SampleSBOM.sbom, subject: SampleSBOM.subject) == text)
        var other = SampleSBOM.subject
        other.indexDigest = nil
        let otherNamespace = try JSONDocument(try SPDXWriter.render(SampleSBOM.sbom, subject: other))
            .root["documentNamespace"] as? String
        #expect(otherNamespace != namespace)
    }

    @Test func rejectsAMalformedIndexDigest() {
        var subject = SampleSBOM.subject
        subject.indexDigest = "sha256"
        #expect(throws: SBOMFormatError.malformedDigest(field: "index digest", value: "sha256")) {
            try SPDXWriter.render(SampleSBOM.sbom, subject: subject)
        }
    }
}

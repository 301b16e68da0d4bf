import TestSupport
import Foundation
import SBOM
@testable import SBOMFormats
import Testing

@Suite struct CycloneDXWriterTests {
    let text: String
    let document: [String: Any]

    init() throws {
        text = try CycloneDXWriter.render(SampleSBOM.sbom, subject: SampleSBOM.subject)
        document = try JSONDocument(text).root
    }

    var components: [[String: Any]] { JSONDocument.objects(document, "components") }

    func component(_ name: String) throws -> [String: Any] {
        try #require(components.first { $0["name"] as? String == name }, "no component named \(name)")
    }

    func properties(_ component: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for property in JSONDocument.objects(component, "properties") {
            result[property["name"] as! String] = property["value"] as? String
        }
        return result
    }

    func dependsOn(_ reference: String) throws -> [String] {
        let entries = JSONDocument.objects(document, "dependencies")
        let entry = try #require(entries.first { $0["ref"] as? String == reference }, "no dependencies of \(reference)")
        return entry["dependsOn"] as? [String] ?? []
    }

    func reference(_ name: String) throws -> String { try component(name)["bom-ref"] as! String }

    @Test(.enabled(Comment(rawValue: SBOMValidators.need)) { SBOMValidators.available })
    func validatesAgainstTheCycloneDX16Schema() throws {
        let validators = try SBOMValidators.shared.get()
        #expect(try validators.cycloneDXErrors(text) == [])
    }

    /// Guards the test above: a validator that accepts anything would make it pass for nothing.
    @Test(.enabled(Comment(rawValue: SBOMValidators.need)) { SBOMValidators.available })
    func schemaValidationRejectsAComponentOfAnUnknownType() throws {
        var broken = document
        var list = components
        list[0]["type"] = "not-a-component-type"
        broken["components"] = list
        let errors = try SBOMValidators.shared.get().cycloneDXErrors(try JSONDocument.text(broken))
        #expect(errors.contains { $0.contains("not-a-component-type") }, "\(errors)")
    }

    @Test func describesTheImageAsAContainerComponent() throws {
        #expect(document["bomFormat"] as? String == "CycloneDX")
        #expect(document["specVersion"] as? String == "1.6")
        let metadata = try #require(document["metadata"] as? [String: Any])
        #expect(metadata["timestamp"] as? String == "2024-12-03T15:12:10Z")
        let image = try #require(metadata["component"] as? [String: Any])
        #expect(image["type"] as? String == "container")
        #expect(image["name"] as? String == "docker.io/library/debian")
        #expect(image["version"] as? String == SampleSBOM.manifestDigest)
        let purl = try #require(image["purl"] as? String)
        #expect(purl.hasPrefix("pkg:oci/debian@sha256"))
        #expect(purl.contains("arch=amd64") && purl.contains("tag=12") && purl.contains("repository_url=docker.io"))
        #expect(image["bom-ref"] as? String == purl)
        let hash = try #require(JSONDocument.objects(image, "hashes").first)
        #expect(hash["alg"] as? String == "SHA-256")
        #expect(hash["content"] as? String == String(SampleSBOM.manifestDigest.dropFirst("sha256:".count)))
        #expect(properties(image)["safeguard:image:index-digest"] == SampleSBOM.indexDigest)
        let tools = try #require((metadata["tools"] as? [String: Any]).map { JSONDocument.objects($0, "components") })
        #expect(tools.first?["name"] as? String == "safeguard" && tools.first?["version"] as? String == "0.4.0")
    }

    @Test func carriesEachCatalogWarningAsAMetadataProperty() throws {
        let metadata = try #require(document["metadata"] as? [String: Any])
        let properties = JSONDocument.objects(metadata, "properties")
        #expect(properties.count == 1)
        #expect(properties.first?["name"] as? String == "safeguard:catalog:warning")
        #expect(properties.first?["value"] as? String
            == "python: usr/lib/python3/dist-packages/x-1.dist-info/METADATA (layer 2): not UTF-8 at byte 12")
    }

    @Test func listsTheDistributionAndEveryPackage() throws {
        #expect(components.count == SampleSBOM.sbom.packages.count + 1)
        let system = try component("debian")
        #expect(system["type"] as? String == "operating-system")
        #expect(system["version"] as? String == "12")
        #expect(components.filter { $0["type"] as? String == "library" }.count == SampleSBOM.sbom.packages.count)
        let references = components.compactMap { $0["bom-ref"] as? String }
        #expect(Set(references).count == references.count)
    }

    @Test func recordsTheLayersOfEachPackageAsProperties() throws {
        let login = properties(try component("login"))
        #expect(login["safeguard:layer:introduced"] == "1")
        #expect(login["safeguard:layer:changed"] == "2")
        #expect(login["safeguard:layer:changed:digest"] == SampleSBOM.layerDigests[2])
        #expect(login["safeguard:package:type"] == "deb")
        #expect(login["safeguard:package:architecture"] == "amd64")
        #expect(login["safeguard:package:source-name"] == "shadow")
        #expect(login["safeguard:location:0"] == "var/lib/dpkg/status")
        #expect(login["safeguard:location:1"] == "var/lib/dpkg/info/login.list")
    }

    @Test func keepsTheEpochInTheVersionAndThePurl() throws {
        let login = try component("login")
        #expect(login["version"] as? String == "1:4.13+dfsg1-1+b1")
        let purl = try #require(login["purl"] as? String)
        #expect(purl.hasPrefix("pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?"))
        let encodedVersion = try #require(purl.split(separator: "@").last?.split(separator: "?").first)
        #expect(String(encodedVersion).removingPercentEncoding == "1:4.13+dfsg1-1+b1")
        let libssl = try component("libssl3")
        #expect((libssl["purl"] as? String)?.contains("@3.0.11-1~deb12u2?") == true)
    }

    @Test func linksDependenciesByReference() throws {
        let libc6 = try reference("libc6")
        #expect(try dependsOn(reference("libgcc-s1")) == [try reference("gcc-12-base"), libc6])
        // A cycle, as dpkg has it.
        #expect(try dependsOn(libc6) == [try reference("libgcc-s1")])
        // The first alternative is not installed, the second (`libc6:any`) is; `libpam-runtime` is not installed.
        #expect(try dependsOn(reference("login")) == [libc6])
        // Comma-separated clauses in one entry, and names absent from the image dropped.
        #expect(Set(try dependsOn(reference("bash"))) == [libc6, try reference("libtinfo6")])
        // apk: `so:` resolves through the file musl installed; the `!conflict` and the unowned path do not.
        #expect(try dependsOn(reference("busybox")) == [try reference("musl")])
        // PyPI: names compare as PEP 503 folds them; the `socks` extra is optional.
        #expect(Set(try dependsOn(reference("requests"))) == [try reference("charset_normalizer"),
                                                               try reference("urllib3")])
        #expect(try dependsOn(reference("urllib3")) == [])
    }

    @Test func theImageDependsOnEveryComponent() throws {
        let image = try #require((document["metadata"] as? [String: Any])?["component"] as? [String: Any])
        let all = components.compactMap { $0["bom-ref"] as? String }
        #expect(try dependsOn(image["bom-ref"] as! String) == all)
    }

    @Test func writesLicencesAsIdentifiersAnExpressionOrNames() throws {
        let licenses = { (name: String) in JSONDocument.objects(try self.component(name), "licenses") }
        #expect(try licenses("libssl3").first?["license"] as? [String: String] == ["id": "Apache-2.0"])
        #expect(try licenses("urllib3").first?["license"] as? [String: String] == ["id": "MIT"])
        #expect(try licenses("cryptography").first?["expression"] as? String == "Apache-2.0 OR BSD-3-Clause")
        #expect(try licenses("login").first?["expression"] as? String
                == "GPL-2.0-or-later WITH Classpath-exception-2.0")
        #expect(try licenses("libtext-charwidth-perl").compactMap { ($0["license"] as? [String: String])?["name"] }
                == ["Artistic", "GPL-1+"])
        #expect(try licenses("requests").first?["license"] as? [String: String]
                == ["name": "Apache Software License"])
    }

    @Test func derivesTheSerialNumberFromTheImage() throws {
        let serial = try #require(document["serialNumber"] as? String)
        let version8 = /urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/
        #expect(serial.wholeMatch(of: version8) != nil)
        #expect(try CycloneDXWriter.render(SampleSBOM.sbom, subject: SampleSBOM.subject) == text)
        var other = SampleSBOM.subject
        other.manifestDigest = "sha256:" + String(repeating: "0", count: 64)
        let otherSerial = try JSONDocument(try CycloneDXWriter.render(SampleSBOM.sbom, subject: other))
            .root["serialNumber"] as? String
        #expect(otherSerial != serial)
    }

    @Test func keepsReferencesUniqueWhenPurlsRepeat() throws {
        let package = SampleSBOM.sbom.packages[0]
        var moved = package
        moved.locations = ["usr/local/var/lib/dpkg/status"]
        let sbom = SoftwareBillOfMaterials(operatingSystem: nil, packages: [package, moved], warnings: [])
        let rendered = try JSONDocument(try CycloneDXWriter.render(sbom, subject: SampleSBOM.subject)).root
        let references = JSONDocument.objects(rendered, "components").compactMap { $0["bom-ref"] as? String }
        #expect(references == [package.purl, package.purl + "#2"])
    }

    @Test(arguments: [
        "sha256:abc",  // too short to be a digest
        "3a7f3a7f3a7f3a7f3a7f3a7f3a7f3a7f3a7f3a7f3a7f3a7f3a7f3a7f3a7f3a7f",  // no algorithm
        "sha256:" + String(repeating: "G", count: 64),  // not hex
        "SHA256:" + String(repeating: "a", count: 64),  // the algorithm is lowercase in OCI
    ])
    func rejectsAMalformedManifestDigest(digest: String) {
        var subject = SampleSBOM.subject
        subject.manifestDigest = digest
        #expect(throws: SBOMFormatError.malformedDigest(field: "manifest digest", value: digest)) {
            try CycloneDXWriter.render(SampleSBOM.sbom, subject: subject)
        }
    }
}

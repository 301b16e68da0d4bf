import Foundation
import Report
import SafeguardCLI
import SBOM
import TestSupport
import Testing

/// The SBOM of real Debian images: exact against dpkg itself, attributed to the right layers, and deciding which
/// privileged files are findings.
@Suite struct SBOMScanTests {
    @Test func dpkgPackagesEqualDpkgQueryOnTheSameRootfs() throws {
        let rootfs = try FixtureImages.debianRootfs.get()
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Shell.run(["tar", "-xf", rootfs, "-C", directory, "./var/lib/dpkg"])
        let query = try Shell.run(["dpkg-query", "--admindir=\(directory)/var/lib/dpkg", "-W",
                                   "-f=${Package} ${Version}\\n"]).stdout
        let expected = Set(query.split(separator: "\n").map(String.init))

        let report = try scan("oci:\(try FixtureImages.debian.get()):bookworm")
        let sbom = try #require(report.sbom)
        let found = Set(sbom.packages.filter { $0.type == .deb }.map { "\($0.name) \($0.version)" })
        #expect(expected.count > 80)
        #expect(found == expected,
                "only safeguard: \(found.subtracting(expected)); only dpkg: \(expected.subtracting(found))")
        #expect(sbom.operatingSystem?.id == "debian")
        #expect(sbom.operatingSystem?.versionID == "12")
        let libc = try #require(sbom.packages.first { $0.name == "libc6" })
        #expect(libc.purl.hasPrefix("pkg:deb/debian/libc6@"))
        #expect(libc.purl.contains("distro=debian-12"))
        #expect(libc.files.contains { $0.path.hasSuffix("/libc.so.6") && $0.digest?.hasPrefix("md5:") == true })
        #expect(sbom.packages.allSatisfy { $0.introducedLayer == 0 && $0.changedLayer == 0 })
    }

    /// The oracle is the copyright files themselves: every licence named must be written in the package's file, as a
    /// `License:` field (machine-readable files) or a common-licenses path (free-form ones).
    @Test func debianLicensesAreTheOnesTheCopyrightFilesName() throws {
        let rootfs = try FixtureImages.debianRootfs.get()
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Shell.run(["tar", "-xf", rootfs, "-C", directory, "--wildcards", "./usr/share/doc/*/copyright"])

        let sbom = try #require(try scan("oci:\(try FixtureImages.debian.get()):bookworm").sbom)
        var machineReadable = 0
        for package in sbom.packages where package.type == .deb {
            let path = "\(directory)/usr/share/doc/\(package.name)/copyright"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            if text.hasPrefix("Format:") {
                machineReadable += 1
                #expect(!package.licenses.isEmpty, "\(package.name) has a machine-readable file but no licence")
            }
            for license in package.licenses {
                let named = text.contains("License: " + license) || text.contains("common-licenses/" + license)
                    || text.contains(" " + license)
                #expect(named, "\(package.name): \(license) is not in its copyright file")
            }
        }
        #expect(machineReadable > 70)
        let bash = try #require(sbom.packages.first { $0.name == "bash" })
        #expect(bash.licenses.contains("GPL-3+"))
    }

    @Test func laterLayerThatUpgradesOnePackageAndRemovesAnotherIsAttributed() throws {
        let rootfs = try FixtureImages.debianRootfs.get()
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Shell.run(["tar", "-xf", rootfs, "-C", directory, "./var/lib/dpkg/status"])
        let status = try String(contentsOfFile: directory + "/var/lib/dpkg/status", encoding: .utf8)
        var stanzas = status.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let upgraded = "hostname"
        let removed = "sed"
        let index = try #require(stanzas.firstIndex { $0.hasPrefix("Package: \(upgraded)\n") })
        stanzas[index] = stanzas[index].replacingOccurrences(of: #"(?m)^Version: .*$"#, with: "Version: 99.0-1",
                                                             options: .regularExpression)
        stanzas.removeAll { $0.hasPrefix("Package: \(removed)\n") }
        try TarWriter.write([
            .file("var/lib/dpkg/status", stanzas.joined(separator: "\n\n") + "\n\n"),
            .file("var/lib/dpkg/info/.wh.\(removed).list"), .file("var/lib/dpkg/info/.wh.\(removed).md5sums"),
        ], to: directory + "/upgrade.tar")
        let layout = directory + "/layout"
        try FixtureImages.buildImage(layout: layout, tag: "t",
                                     layers: [rootfs + ":gzip", directory + "/upgrade.tar:gzip"])

        let sbom = try #require(try scan("oci:\(layout):t").sbom)
        let host = try #require(sbom.packages.first { $0.name == upgraded })
        #expect(host.version == "99.0-1")
        #expect(host.introducedLayer == 1 && host.changedLayer == 1)
        #expect(!sbom.packages.contains { $0.name == removed })
        let untouched = try #require(sbom.packages.first { $0.name == "libc6" })
        #expect(untouched.introducedLayer == 0 && untouched.changedLayer == 0)
    }

    @Test func privilegedFilesAreJudgedByPackageOwnershipAndRecordedDigests() throws {
        let rootfs = try FixtureImages.debianRootfs.get()
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try TarWriter.write([
            .directory("usr/bin/"), .file("usr/bin/su", "#!/bin/sh\nexec /bin/sh\n", mode: 0o4755),
            .directory("usr/local/bin/"), .file("usr/local/bin/helper", "x", mode: 0o4755),
        ], to: directory + "/tamper.tar")
        let layout = directory + "/layout"
        try FixtureImages.buildImage(layout: layout, tag: "t",
                                     layers: [rootfs + ":gzip", directory + "/tamper.tar:gzip"])

        let report = try scan("oci:\(layout):t")
        let rules = report.findings.filter { $0.category == "file.privileged" }
            .map { "\($0.ruleID) \($0.evidence.path ?? "")" }
        #expect(rules.contains("SG-PRIV-006 usr/bin/su"), "\(rules)")
        #expect(rules.contains("SG-PRIV-001 usr/local/bin/helper"), "\(rules)")
        // Package-owned setuid programs whose bytes match their package's record stay inventory.
        #expect(!rules.contains { $0.hasSuffix("usr/bin/passwd") })
        #expect(report.privilegedFiles.contains { $0.path == "usr/bin/passwd" })
    }

    @Test func sbomCommandListsWhatTheFullScanLists() throws {
        // `sbom` skips the checks an SBOM does not need; the packages, their layers and files must not change.
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let image = "oci:\(try FixtureImages.debian.get()):bookworm"
        #expect(Command.main(["sbom", "-q", "--format", "json", "-o", directory + "/sbom.json", image]) == .success)
        let listed = try JSONDecoder().decode(SoftwareBillOfMaterials.self,
                                              from: Data(contentsOf: URL(fileURLWithPath: directory + "/sbom.json")))
        let scanned = try #require(try scan(image).sbom)
        #expect(listed.packages.count > 50)
        #expect(listed == scanned)
    }

    @Test(.enabled(Comment(rawValue: SBOMValidators.need)) { SBOMValidators.available },
          arguments: ["cyclonedx-json", "spdx-json"])
    func sbomCommandWritesADocumentTheOfficialValidatorAccepts(_ format: String) throws {
        let validators = try SBOMValidators.shared.get()
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/sbom.json"
        let layout = try FixtureImages.debian.get()
        #expect(Command.main(["sbom", "-q", "--format", format, "-o", output, "oci:\(layout):bookworm"]) == .success)
        let document = try String(contentsOfFile: output, encoding: .utf8)
        let errors = format == "spdx-json"
            ? try validators.spdxErrors(document) : try validators.cycloneDXErrors(document)
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        #expect(document.contains("pkg:deb/debian/libc6@"))
    }
}

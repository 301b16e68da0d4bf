import SBOM
import Testing
@testable import Vulnerabilities

/// Where a package's advisories are filed and under which version.
@Suite struct EcosystemLookupTests {
    @Test(arguments: [("1.19", "1.19.0"), ("1.21rc2", "1.21.0-rc.2"), ("1.20beta1", "1.20.0-beta.1"),
                      ("1.21.3", "1.21.3"), ("v0.16.0", "v0.16.0"), ("1.x", "1.x")])
    func goToolchainVersionsAreWrittenAsTheGoDatabaseWritesThem(version: String, expected: String) {
        #expect(EcosystemLookup.goVersion(version) == expected)
    }

    @Test func distributionsChooseTheirReleaseStreams() throws {
        func lookup(_ id: String, _ release: String, _ type: PackageType) throws -> EcosystemLookup {
            let system = OperatingSystem(id: id, versionID: release, prettyName: nil, codename: nil, like: [])
            let package = Package(name: "bin", version: "1.0-1", type: type, purl: "pkg:x/bin@1.0-1",
                                  sourceName: "src", sourceVersion: "1.0-0")
            return try EcosystemLookup.of(package, system: system)
        }
        let ubuntu = try lookup("ubuntu", "22.04", .deb)
        #expect(ubuntu.applies(to: "Ubuntu:22.04") && ubuntu.applies(to: "Ubuntu:22.04:LTS"))
        #expect(!ubuntu.applies(to: "Ubuntu:20.04") && !ubuntu.applies(to: "Ubuntu:Pro:22.04:LTS"))
        #expect(ubuntu.name == "src" && ubuntu.version == "1.0-0")
        let alpine = try lookup("alpine", "3.19.1", .apk)
        #expect(alpine.exact == ["Alpine:v3.19"] && alpine.name == "src" && alpine.version == "1.0-1")
        let rhel = try lookup("rhel", "9.3", .rpm)
        #expect(rhel.applies(to: "Red Hat:enterprise_linux:9::appstream"))
        #expect(!rhel.applies(to: "Red Hat:rhel_aus:8.6::appstream"))
        #expect(rhel.name == "bin" && rhel.scheme == .rpm)
        #expect(try lookup("debian", "12", .deb).exact == ["Debian:12"])
    }
}

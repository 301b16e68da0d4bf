import Advisories
import Foundation
import Testing

@Suite struct AdvisoryModelTests {
    /// The database stores advisories as encoded by `Codable`; what it reads back must be the same advisory.
    @Test func encodingRoundTrips() throws {
        let advisory = Advisory(
            id: "DEBIAN-CVE-2024-0001", modified: "2024-01-02T03:04:05Z", aliases: ["CVE-2024-0001"],
            severity: [SeverityScore(type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")],
            affected: [Affected(package: AffectedPackage(ecosystem: "Debian:12", name: "glibc"),
                                ranges: [AffectedRange(type: .ecosystem, events: [.introduced("0"),
                                                                                  .fixed("2.36-9+deb12u4")])])])
        let decoded = try JSONDecoder().decode(Advisory.self, from: JSONEncoder().encode(advisory))
        #expect(decoded == advisory)
    }
}

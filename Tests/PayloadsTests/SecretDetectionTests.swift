import Findings
import Foundation
import Report
import TestSupport
import Testing

/// One image per kind of leaked credential, in files (also deleted ones), env, labels and history: the rule
/// fires with evidence naming where, and no output holds the value.
@Suite struct SecretDetectionTests {
    struct Case: ExpectedEvidence, CustomTestStringConvertible, Sendable {
        let name: String
        var layers: [[TarWriter.Entry]] = []
        var extra: [String] = []
        let rule: String
        /// The secret's value: it must appear in no output.
        let value: String
        var path: String?
        var layer: Int?
        var field: String?
        var history: Int?
        var facts: [String: String] = [:]
        var testDescription: String { name }
    }

    static let registryAuth = Data("deploy:\(fakeSecret("", 24, seed: 1))".utf8).base64EncodedString()
    static let githubToken = fakeSecret("ghp_", 36, seed: 2)
    static let awsKeyID = fakeSecret("AKIA", 16, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", seed: 3)
    static let base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    static let awsSecret = fakeSecret("", 40, alphabet: base64Alphabet, seed: 4)
    static let gitlabToken = fakeSecret("glpat-", 20, seed: 5)
    static let npmToken = fakeSecret("npm_", 36, seed: 6)
    static let pypiToken = fakeSecret("pypi-AgEIcHlwaS5vcmc", 60, seed: 7)
    static let slackToken = "xoxb-" + fakeSecret("", 12, alphabet: "0123456789", seed: 8) + "-"
        + fakeSecret("", 24, seed: 9)
    static let azureKey = fakeSecret("", 86, alphabet: base64Alphabet, seed: 10) + "=="
    static let keyBody = (0..<6).map { fakeSecret("", 64, alphabet: base64Alphabet, seed: 11 + UInt64($0)) }
    static let pemKey = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + keyBody.joined(separator: "\n")
        + "\n-----END OPENSSH PRIVATE KEY-----\n"
    static let gcpKey = "-----BEGIN PRIVATE KEY-----\\n" + keyBody.joined(separator: "\\n")
        + "\\n-----END PRIVATE KEY-----\\n"

    static let cases: [Case] = [
        Case(name: "registry auth in .docker/config.json",
             layers: [[.directory("root/.docker/"), .file("root/.docker/config.json", """
                 {
                   "auths": {
                     "registry.example.com": { "auth": "\(registryAuth)" }
                   }
                 }
                 """)]],
             rule: "SG-SECRET-001", value: registryAuth, path: "root/.docker/config.json", layer: 1),
        Case(name: "a GitHub token in a file a later layer deleted",
             layers: [[.directory("opt/"), .file("opt/build.env", "GITHUB_TOKEN=\(githubToken)\n")],
                      [.directory("opt/"), .file("opt/.wh.build.env")]],
             rule: "SG-SECRET-006", value: githubToken, path: "opt/build.env", layer: 1,
             facts: ["removedByLaterLayer": "true", "stillInLayerBlob": "true"]),
        Case(name: "an AWS key pair in env",
             extra: ["--env", "AWS_ACCESS_KEY_ID=\(awsKeyID)", "--env", "AWS_SECRET_ACCESS_KEY=\(awsSecret)"],
             rule: "SG-SECRET-002", value: awsSecret, field: "config.Env"),
        Case(name: "a GCP service-account key file",
             layers: [[.directory("app/"), .file("app/sa.json", """
                 {"type": "service_account", "project_id": "p", "private_key_id": "k",
                  "private_key": "\(gcpKey)", "client_email": "a@p.iam.gserviceaccount.com"}
                 """)]],
             rule: "SG-SECRET-003", value: gcpKey, path: "app/sa.json", layer: 1),
        Case(name: "an Azure storage connection string in a label",
             extra: ["--label", "storage=DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=\(azureKey);"
                         + "EndpointSuffix=core.windows.net"],
             rule: "SG-SECRET-004", value: azureKey, field: "config.Labels"),
        Case(name: "an OpenSSH private key",
             layers: [[.directory("root/.ssh/"), .file("root/.ssh/id_ed25519", pemKey, mode: 0o600)]],
             rule: "SG-SECRET-005", value: keyBody[2], path: "root/.ssh/id_ed25519", layer: 1),
        Case(name: "a GitLab token in a build step",
             extra: ["--history", "ADD base.tar /", "--history",
                     "RUN git clone https://oauth2:\(gitlabToken)@gitlab.example.com/g/p.git /src"],
             rule: "SG-SECRET-006", value: gitlabToken, history: 1),
        Case(name: "an npm token in .npmrc",
             layers: [[.directory("home/app/"),
                       .file("home/app/.npmrc", "//registry.npmjs.org/:_authToken=\(npmToken)\n")]],
             rule: "SG-SECRET-006", value: npmToken, path: "home/app/.npmrc", layer: 1),
        Case(name: "a PyPI token in .pypirc",
             layers: [[.directory("root/"),
                       .file("root/.pypirc", "[pypi]\nusername = __token__\npassword = \(pypiToken)\n")]],
             rule: "SG-SECRET-006", value: pypiToken, path: "root/.pypirc", layer: 1),
        Case(name: "a Slack token in a script",
             layers: [[.directory("opt/"), .file("opt/notify.sh", "#!/bin/sh\nSLACK=\(slackToken)\n", mode: 0o755)]],
             rule: "SG-SECRET-006", value: slackToken, path: "opt/notify.sh", layer: 1),
    ]

    @Test(arguments: cases)
    func detectsTheSecretWithItsEvidence(_ testCase: Case) throws {
        let image = try PayloadImage(layers: testCase.layers, extra: testCase.extra)
        defer { image.remove() }
        let report = try image.scan()
        let findings = report.findings.filter { $0.ruleID == testCase.rule }
        let matching = findings.filter { finding in
            testCase.isMet(by: finding.evidence) && finding.evidence.facts?["fingerprint"]?.contains("[sha256:") == true
        }
        #expect(!matching.isEmpty, "\(testCase.rule) with the expected evidence; got \(findings)")

        // Why: the report is shared; the value must be in no rendering, including the config and history it shows.
        let json = try JSONRenderer.render(report)
        let table = TableRenderer(style: TextStyle(colors: false)).renderScan(report)
        #expect(!json.contains(testCase.value), "the JSON report holds the secret")
        #expect(!table.contains(testCase.value), "the table holds the secret")
    }

    @Test func anAccessKeyIDWithoutItsSecretIsNoFinding() throws {
        let image = try PayloadImage(layers: [], extra: ["--env", "AWS_ACCESS_KEY_ID=\(Self.awsKeyID)"])
        defer { image.remove() }
        #expect(try image.scan().findings.filter { $0.category == "secret" }.isEmpty)
    }
}

import Foundation
import ImageModel
import Names
import Testing

@Suite struct NameCandidateTests {
    func config(labels: [String: String] = [:], history: [String] = []) throws -> ImageConfig {
        let document: [String: Any] = ["architecture": "amd64", "os": "linux", "config": ["Labels": labels],
                                       "history": history.map { ["created_by": $0] }]
        return try ImageConfig.parse(Array(try JSONSerialization.data(withJSONObject: document)), origin: "test")
    }

    /// History steps, with the base they name or nil.
    static let steps: [(step: String, base: String?)] = [
        ("FROM ngnix:1.27", "ngnix:1.27"),
        ("/bin/sh -c #(nop) FROM --platform=linux/amd64 debain", "debain"),
        ("ARG BASE_IMAGE=someuser/alpine:3.20", "someuser/alpine:3.20"),
        ("ARG FROM_IMAGE=\"python-official\"", "python-official"),
        ("ARG VERSION=1.2.3", nil),
        ("ARG BASE_IMAGE=$REGISTRY/base", nil),  // what a variable expands to is not in the history
        ("FROM scratch", nil),
        ("RUN |1 BASE_IMAGE=ubuntu /bin/sh -c apt-get update", nil),
        ("COPY . /app", nil),
        ("", nil),
        (String(repeating: "FROM x ", count: 10_000), nil),  // longer than any Dockerfile step
    ]

    @Test(arguments: steps)
    func readsTheBaseAHistoryStepNames(_ case: (step: String, base: String?)) throws {
        let found = NameCandidate.bases(config: try config(history: [`case`.step]), annotations: [:])
        #expect(found.map(\.text) == (`case`.base.map { [$0] } ?? []))
        #expect(found.allSatisfy { $0.historyStep == `case`.step && $0.role == .base })
    }

    @Test func readsBaseNamesFromAnnotationsThenLabels() throws {
        let found = NameCandidate.bases(
            config: try config(labels: ["org.opencontainers.image.base.name": "debain", "base-image": "alp1ne",
                                        "org.opencontainers.image.title": "ubunut"]),
            annotations: ["org.opencontainers.image.base.name": "docker.io/library/ngnix"])
        #expect(found.map(\.configField) == ["manifest.annotations[org.opencontainers.image.base.name]",
                                             "config.Labels[base-image]",
                                             "config.Labels[org.opencontainers.image.base.name]"])
    }

    @Test func boundsHowManyBasesAnImageCanName() throws {
        let history = (0..<10_000).map { "FROM image\($0)" }
        #expect(NameCandidate.bases(config: try config(history: history), annotations: [:]).count
                    == NameCandidate.maxCandidates)
    }

    /// A config padded with base-name labels: candidates stay bounded and the checks stay quick.
    @Test func boundsTheWorkOnAConfigPaddedWithBaseLabels() throws {
        var labels: [String: String] = [:]
        for index in 0..<50_000 { labels["x\(index).base.name"] = "ngnix\(index)" }
        let bases = NameCandidate.bases(config: try config(labels: labels), annotations: [:])
        #expect(bases.count == NameCandidate.maxCandidates)
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            _ = NameChecks().findings(reference: try Reference(parsing: "acme/web"), bases: bases)
            _ = MetadataImpersonation().findings(reference: try Reference(parsing: "acme/web"), labels: labels,
                                                 annotations: labels)
        }
        #expect(elapsed < .seconds(5))
    }

    @Test func reportsTheScannedNameAndEachImitatingBase() throws {
        let bases = NameCandidate.bases(config: try config(history: ["FROM debain", "FROM debian"]), annotations: [:])
        let findings = NameChecks().findings(reference: try Reference(parsing: "someuser/alpine"), bases: bases)
        #expect(findings.map(\.ruleID) == ["SG-NAME-004", "SG-NAME-001"])
        #expect(findings.map(\.evidence.configField) == ["reference", nil])
        #expect(findings.last?.evidence.historyStep == "FROM debain")
        #expect(findings.last?.evidence.facts?["imitates"] == "docker.io/library/debian")
        #expect(findings.last?.title == "Base image debain in the build history imitates docker.io/library/debian")
    }

    @Test func showsLookalikeCharactersEscapedInEvidence() {
        let findings = NameChecks().findings(reference: nil, bases: [NameCandidate(text: "\u{430}lpine", role: .base,
                                                                                   configField: "test")])
        #expect(findings.first?.evidence.facts?["name"] == "\\u{0430}lpine")
    }
}

import Findings
import Foundation
import Report
import TestSupport
import Testing

/// Benign images and near misses: none may produce a payload or secret finding, since false positives are what
/// make users switch a scanner off.
@Suite struct BenignControlTests {
    @Test func theRealDebianImageHasNoPayloadOrSecretFindings() throws {
        let layout = try FixtureImages.debian.get()
        let report = try scanImage("oci:\(layout):bookworm")
        let found = report.findings.filter { payloadCategories.contains($0.category) }
        #expect(found.isEmpty, "\(found.map { "\($0.ruleID) \($0.title)" })")
    }

    /// Debian with Python, pip, Node modules, gems and a Composer library installed by apt, then pip installs and
    /// upgrades on top: distutils reads ~/.pypirc and posts to PyPI, libraries read the environment and send
    /// requests, and none of it is a payload.
    @Test(arguments: ["installed", "upgraded"])
    func languagePackagesOnDebianHaveNoPayloadOrSecretFindings(_ tag: String) throws {
        let layout = try FixtureImages.pipLayers.get()
        let report = try scanImage("oci:\(layout):\(tag)")
        let found = report.findings.filter { payloadCategories.contains($0.category) }
        #expect(found.isEmpty, "\(found.map { "\($0.ruleID) \($0.title)" })")
    }

    /// An application image as teams build them: users added, a start script that checks its own health with curl,
    /// a .bashrc that sets PATH and aliases, files deleted by whiteout, ordinary env, labels and history.
    @Test func anApplicationImageWithUsersAndWhiteoutsIsClean() throws {
        let image = try PayloadImage(layers: [
            [.directory("etc/"),
             .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n"),
             .file("etc/group", "root:x:0:\napp:x:1000:\n"), .directory("home/app/"),
             .file("home/app/.bashrc", "export PATH=/opt/app/bin:$PATH\nalias ll='ls -l'\n[ -f ~/.env ] && . ~/.env\n"),
             .file("home/app/.profile", "if [ -n \"$BASH_VERSION\" ]; then\n  . \"$HOME/.bashrc\"\nfi\n"),
             .directory("opt/app/bin/"), .file("opt/app/run.sh", """
                 #!/bin/sh
                 set -eu
                 # Wait for the server, then hand over.
                 until curl -fsS http://localhost:8080/health; do sleep 1; done &
                 curl -fsSL -o /tmp/config.json "https://config.example.com/app/$APP_ENV.json"
                 exec /opt/app/bin/server --config /tmp/config.json "$@"
                 """, mode: 0o755),
             .file("opt/app/settings.json", #"{"database": {"password": "${DB_PASSWORD}"}, "env": "production"}"#),
             .file("opt/app/stats.py", """
                 import os
                 import requests
                 HOME = os.environ.get("HOME")
                 def report(values):
                     return requests.post(os.environ["STATS_URL"], json=values)
                 """)],
            [.directory("opt/app/"), .file("opt/app/.wh.settings.json"), .directory("etc/"), .file("etc/.wh.group")],
        ], extra: [
            "--history", "ADD base.tar /",
            "--history",
            "RUN useradd -m app && apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
            "--history", "RUN rm /opt/app/settings.json",
            "--env", "PATH=/opt/app/bin:/usr/local/bin:/usr/bin:/bin", "--env", "APP_ENV=production",
            "--env", "NPM_TOKEN=${NPM_TOKEN}",
            "--label", "org.opencontainers.image.source=https://github.com/acme/app",
            "--entrypoint", #"["/opt/app/run.sh"]"#, "--cmd", #"["--port", "8080"]"#,
        ])
        defer { image.remove() }
        let found = try image.scan().findings.filter { payloadCategories.contains($0.category) }
        #expect(found.isEmpty, "\(found.map { "\($0.ruleID) \($0.title)" })")
    }

    struct NearMiss: CustomTestStringConvertible, Sendable {
        let name: String
        let content: String
        var path = "opt/doc/notes.sh"
        var testDescription: String { name }
    }

    static let nearMisses: [NearMiss] = [
        NearMiss(name: "geology: a stratum of sediment",
                 content: "# each stratum records an epoch; stratum-tcp is our internal protocol name\n"),
        NearMiss(name: "randomized and random x words", content: "x=$RANDOM; randomize_va_space=2; randomX_offset=1\n"),
        NearMiss(name: "a port that pools use on an ordinary host", content: "connect db.internal.example:3333\n"),
        NearMiss(name: "AWS's documented example key", content:
                    "aws_access_key_id=AKIAIOSFODNN7EXAMPLE\n"
                    + "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"),
        NearMiss(name: "a token prefix with too few characters", content: "grep -q ghp_abc123 log && echo found\n"),
        NearMiss(name: "a private key header without a key",
                 content: "grep -l -- '-----BEGIN RSA PRIVATE KEY-----' /etc/ssl/private/*\n"),
        NearMiss(name: "a download saved and checked, not run",
                 content: "curl -fsSLo /tmp/t.tgz https://dl.example.com/t.tgz && sha256sum -c t.sha256\n"),
        NearMiss(name: "a base64 string decoded to a file",
                 content: "echo aGVsbG8gd29ybGQsIHRoaXMgaXMgYmFzZTY0Cg== | base64 -d > /tmp/hello\n"),
        NearMiss(name: "an npm token taken from the environment",
                 content: "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", path: "home/app/.npmrc"),
        NearMiss(name: "a metadata probe that only reads the instance ID",
                 content: "ID=$(curl -s http://169.254.169.254/latest/meta-data/instance-id)\necho \"$ID\"\n"),
        NearMiss(name: "the environment read and a request posted far apart in a library",
                 content: "import os\nsettings = dict(os.environ)\n" + String(repeating: "x = 1\n", count: 40)
                    + "def send(u, d):\n    return requests.post(u, data=d)\n", path: "opt/lib/client.py"),
        NearMiss(name: "an empty ld.so.preload of comments", content: "# nothing preloaded\n\n",
                 path: "etc/ld.so.preload"),
        NearMiss(name: "a profile script that only exports", content: "export JAVA_HOME=/opt/java\numask 022\n",
                 path: "etc/profile.d/java.sh"),
        NearMiss(name: "a Docker config without credentials",
                 content: #"{"auths": {}, "credsStore": "desktop", "auth": ""}"#, path: "root/.docker/config.json"),
    ]

    @Test(arguments: nearMisses)
    func nearMissesAreNotFindings(_ nearMiss: NearMiss) throws {
        let directory = (nearMiss.path as NSString).deletingLastPathComponent
        let image = try PayloadImage(layers: [[.directory(directory + "/"),
                                               .file(nearMiss.path, nearMiss.content, mode: 0o755)]])
        defer { image.remove() }
        let found = try image.scan().findings.filter { payloadCategories.contains($0.category) }
        #expect(found.isEmpty, "\(found.map { "\($0.ruleID) \($0.title)" })")
    }
}

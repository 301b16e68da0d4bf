import Foundation
import Names
import TestSupport
import Testing

@Suite struct NameChecksTests {
    let checks = NameChecks()

    /// Names that imitate a well-known image, with how and what. Each is a lure seen in the wild or built the way
    /// such lures are.
    static let lookalikes: [(name: String, method: NameMatch.Method, imitates: String)] = [
        // One edit, or a swap, on names of four or more characters.
        ("ngnix", .editDistance, "docker.io/library/nginx"),
        ("someuser/ngnix:latest", .editDistance, "docker.io/library/nginx"),
        ("debain", .editDistance, "docker.io/library/debian"),
        ("acme/ubunut", .editDistance, "docker.io/library/ubuntu"),
        ("evil/alpline", .editDistance, "docker.io/library/alpine"),
        ("evil/pyhton", .editDistance, "docker.io/library/python"),
        ("evil/nodee", .editDistance, "docker.io/library/node"),
        // Two edits on long names.
        ("evil/postgress", .editDistance, "docker.io/library/postgres"),
        ("evil/wrodpres", .editDistance, "docker.io/library/wordpress"),
        ("evil/elasticsaerch", .editDistance, "docker.io/library/elasticsearch"),
        // ASCII look-alikes.
        ("evil/alp1ne", .confusable, "docker.io/library/alpine"),
        ("evil/ubunt0", .editDistance, "docker.io/library/ubuntu"),
        ("evil/pyth0n", .confusable, "docker.io/library/python"),
        ("evil/rnongo", .confusable, "docker.io/library/mongo"),
        ("evil/rnysql", .confusable, "docker.io/library/mysql"),
        ("evil/vvordpress", .confusable, "docker.io/library/wordpress"),
        ("evil/redls", .confusable, "docker.io/library/redis"),
        // Unicode confusables (Cyrillic а, о, е; Greek ο) and a punycode host.
        ("\u{430}lpine", .confusable, "docker.io/library/alpine"),
        ("docker.io/library/ngin\u{445}", .confusable, "docker.io/library/nginx"),
        ("d\u{43E}cker.io/library/debian", .confusable, "docker.io/library/debian"),
        ("\u{3BF}penjdk:21", .confusable, "docker.io/library/openjdk"),
        ("xn--dcker-jye.io/library/alpine", .confusable, "docker.io/library/alpine"),
        ("ubuntu\u{200B}", .confusable, "docker.io/library/ubuntu"),
        // Separator and affix tricks on a name presented as official.
        ("library/ubuntu-secure", .affix, "docker.io/library/ubuntu"),
        ("python-official", .affix, "docker.io/library/python"),
        ("node-js", .affix, "docker.io/library/node"),
        ("nodejs", .affix, "docker.io/library/node"),
        ("mirror.example/library/debian-slim", .affix, "docker.io/library/debian"),
        ("library/mongo-express-secure", .affix, "docker.io/library/mongo-express"),
        ("someuser/python-official", .affix, "docker.io/library/python"),
        ("someuser/verified-redis", .affix, "docker.io/library/redis"),
        ("hello_world", .separator, "docker.io/library/hello-world"),
        ("evil/eclipsetemurin", .separator, "docker.io/library/eclipse-temurin"),
        // An official name under an unrelated namespace.
        ("someuser/alpine", .namespace, "docker.io/library/alpine"),
        ("ghcr.io/someuser/nginx:1.27", .namespace, "docker.io/library/nginx"),
        ("quay.io/randomorg/postgres", .namespace, "docker.io/library/postgres"),
        // A mirror's path under an account of one's own on an open registry is no mirror.
        ("ghcr.io/evil/library/alpine", .namespace, "docker.io/library/alpine"),
        ("registry.gitlab.com/evil/library/ubuntu-secure", .affix, "docker.io/library/ubuntu"),
        ("ghcr.io/evil/bitnami/nginx", .namespace, "docker.io/library/nginx"),
        // A vendor namespace or a registry host imitated.
        ("bitnarni/nginx", .confusable, "docker.io/bitnami/*"),
        ("bitnami1/nginx", .editDistance, "docker.io/bitnami/*"),
        ("grafanna/grafana", .editDistance, "docker.io/grafana/*"),
        ("d0cker.io/library/nginx", .confusable, "docker.io"),
        ("dockker.io/library/nginx", .registryHost, "docker.io"),
        ("ghrc.io/acme/api", .registryHost, "ghcr.io"),
        ("registry.k8s.lo/pause", .confusable, "registry.k8s.io"),
        ("registry.k9s.io/pause", .registryHost, "registry.k8s.io"),
    ]

    @Test(arguments: lookalikes)
    func flagsLookalikesWithWhatTheyImitate(_ case: (name: String, method: NameMatch.Method, imitates: String)) {
        let match = checks.match(`case`.name)
        #expect(match?.method == `case`.method, "\(`case`.name): \(String(describing: match))")
        #expect(match?.imitates == `case`.imitates, "\(`case`.name): \(String(describing: match))")
    }

    @Test(arguments: benignNames)
    func leavesBenignNamesAlone(_ name: String) {
        #expect(checks.match(name) == nil, "\(name)")
    }

    @Test func catalogEntriesAreNeverFlagged() {
        let withCatalog = NameChecks(extraNames: ["someuser/alpine", "ghcr.io/acme/ngnix"])
        #expect(withCatalog.match("someuser/alpine:3.20") == nil)
        #expect(withCatalog.match("ghcr.io/acme/ngnix") == nil)
        #expect(checks.match("ghcr.io/acme/ngnix")?.method == .editDistance)
    }

    /// Every official name of the corpus, current and retired, scanned as itself, by its short name and as a
    /// mirror under the same path, and no two official names taken for look-alikes of each other.
    @Test(.enabled(if: TestPaths.hasCorpus("typosquat/docker-official-images"),
                   "needs shared/corpora/typosquat/docker-official-images"))
    func leavesEveryOfficialNameOfTheCorpusAlone() throws {
        let folder = TestPaths.corpus("typosquat/docker-official-images")
        var names: [String] = []
        for file in ["official-images-current.txt", "official-images-deprecated-from-history.txt"] {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            names += text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("#") }
        }
        #expect(names.count > 150)
        var flagged: [String] = []
        for name in names {
            for form in [name, "docker.io/library/\(name):latest", "mirror.example/library/\(name)",
                         "registry.corp.example/\(name)"] where checks.match(form) != nil {
                flagged.append(form)
            }
        }
        #expect(flagged.isEmpty, "\(flagged)")
    }

    /// Hostile text: huge, control characters, malformed punycode, nothing but separators. None may crash or hang.
    static let hostile: [String] = [
        String(repeating: "a", count: 100_000),
        String(repeating: "ngnix/", count: 80) + "ngnix",
        "xn--" + String(repeating: "9", count: 60) + ".io/library/alpine",  // digits overflow the decoder's deltas
        "xn--zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.io/x",  // decodes past the Unicode range
        "xn--.io/x", "xn---.io/x",
        "\u{0}\u{1}\u{7F}", "", "   ", "/", "//", ":", "@", "-_.", "library/", "a@sha256:zz",
        "\u{202E}xinign",  // a right-to-left override that displays the reverse of what is stored
    ]

    @Test(arguments: hostile)
    func survivesHostileText(_ text: String) {
        _ = checks.match(text)
    }
}

import Findings
import ImageModel
import Names
import Testing

@Suite struct MetadataImpersonationTests {
    let check = MetadataImpersonation()

    func findings(_ name: String, labels: [String: String] = [:], annotations: [String: String] = [:])
        throws -> [Finding]
    {
        check.findings(reference: try Reference(parsing: name), labels: labels, annotations: annotations)
    }

    /// Claims that the image's path does not support, with the rule that reports them.
    typealias Claimed = (name: String, labels: [String: String], annotations: [String: String], rule: String)
    typealias Benign = (name: String, labels: [String: String], annotations: [String: String])

    static let impersonating: [Claimed] = [
        // A look-alike name wearing its victim's labels.
        ("someuser/alpine", ["org.opencontainers.image.vendor": "Alpine Linux"], [:], "SG-META-001"),
        ("evil/ngnix", ["maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"], [:], "SG-META-001"),
        ("evil/ubunut", ["org.opencontainers.image.url": "https://ubuntu.com/containers"], [:], "SG-META-001"),
        ("bitnarni/redis", ["org.opencontainers.image.vendor": "Broadcom, Inc."], [:], "SG-META-001"),
        ("someuser/python", ["org.opencontainers.image.source": "https://github.com/docker-library/python"], [:],
         "SG-META-001"),
        // A mirror's path under an account of one's own on an open registry.
        ("ghcr.io/evil/library/python", [:], ["org.opencontainers.image.url": "https://hub.docker.com/_/python"],
         "SG-META-003"),
        // Docker's library claimed in labels, which official images never carry.
        ("acme/tools", ["org.opencontainers.image.url": "https://hub.docker.com/_/python"], [:], "SG-META-002"),
        ("acme/tools", ["org.opencontainers.image.vendor": "Docker, Inc."], [:], "SG-META-002"),
        ("ghcr.io/someone/base", ["org.label-schema.vcs-url": "git@github.com:docker-library/debian.git"], [:],
         "SG-META-002"),
        // The image's own annotations claiming a publisher its path is not.
        ("acme/web", [:], ["org.opencontainers.image.vendor": "Canonical"], "SG-META-003"),
        ("acme/web", [:], ["org.opencontainers.image.source": "https://github.com/bitnami/containers"], "SG-META-003"),
        ("acme/web", [:], ["org.opencontainers.image.authors": "Red Hat, Inc."], "SG-META-003"),
        // Keys written in another case are the same keys.
        ("acme/tools", ["Vendor": "Docker Inc"], [:], "SG-META-002"),
        // Look-alike characters do not hide the claim.
        ("acme/tools", ["org.opencontainers.image.vendor": "D\u{43E}cker, Inc."], [:], "SG-META-002"),
    ]

    @Test(arguments: impersonating)
    func flagsClaimsThePathDoesNotSupport(_ case: Claimed) throws {
        let found = try findings(`case`.name, labels: `case`.labels, annotations: `case`.annotations)
        #expect(found.map(\.ruleID) == [`case`.rule], "\(`case`.name): \(found.map(\.title))")
        #expect(found.allSatisfy { $0.category == "metadata.impersonation" && $0.evidence.configField != nil })
    }

    /// Claims that are true, inherited, or mere mentions.
    static let benign: [Benign] = [
        // The official image itself, on Docker Hub and mirrored under the same path elsewhere.
        ("docker.io/library/python", [:],
         ["org.opencontainers.image.url": "https://hub.docker.com/_/python",
          "org.opencontainers.image.source": "https://github.com/docker-library/python.git"]),
        ("mirror.example/library/python", [:], ["org.opencontainers.image.url": "https://hub.docker.com/_/python"]),
        ("registry.corp.example/nginx", ["maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"], [:]),
        ("ubuntu", ["org.opencontainers.image.vendor": "Canonical"], [:]),
        // Vendors under their own namespaces and registries.
        ("bitnami/nginx", ["org.opencontainers.image.vendor": "Broadcom, Inc."],
         ["org.opencontainers.image.source": "https://github.com/bitnami/containers"]),
        ("registry.access.redhat.com/ubi9/ubi-minimal",
         ["vendor": "Red Hat, Inc.", "url": "https://www.redhat.com"], [:]),
        ("cgr.dev/chainguard/static", [:], ["org.opencontainers.image.vendor": "Chainguard"]),
        ("mcr.microsoft.com/dotnet/aspnet", [:],
         ["org.opencontainers.image.source": "https://github.com/dotnet/dotnet-docker"]),
        // Labels inherited from a base by an organisation's own image.
        ("acme/web", ["org.opencontainers.image.vendor": "Broadcom, Inc."], [:]),
        ("acme/nginx-proxy", ["maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"], [:]),
        ("acme/app", ["vendor": "Red Hat, Inc.", "url": "https://www.redhat.com"], [:]),
        // The organisation's own claims, and mentions that are not claims.
        ("acme/debian-tools", ["org.opencontainers.image.vendor": "Acme, built on Debian"],
         ["org.opencontainers.image.source": "https://github.com/acme/debian-tools",
          "org.opencontainers.image.base.name": "docker.io/library/debian:bookworm"]),
        ("acme/api", [:], ["org.opencontainers.image.url": "https://acme.example/docs/python.org-clients"]),
    ]

    @Test(arguments: benign)
    func leavesTrueInheritedAndMentionedClaimsAlone(_ case: Benign) throws {
        let found = try findings(`case`.name, labels: `case`.labels, annotations: `case`.annotations)
        #expect(found.isEmpty, "\(`case`.name): \(found.map(\.title))")
    }

    @Test func ratesBorrowedLabelsLowerOnAnOfficialNameThanOnALookalike() throws {
        let maintainer = ["maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"]
        #expect(try findings("myorg/nginx", labels: maintainer).map(\.severity) == [.medium])
        #expect(try findings("myorg/ngnix", labels: maintainer).map(\.severity) == [.high])
    }

    @Test func judgesNothingWithoutAName() {
        let found = check.findings(reference: nil, labels: ["org.opencontainers.image.vendor": "Docker, Inc."],
                                   annotations: ["org.opencontainers.image.vendor": "Canonical"])
        #expect(found.isEmpty)
    }

    @Test func trustsCatalogEntries() throws {
        let withCatalog = MetadataImpersonation(names: NameChecks(extraNames: ["acme/tools"]))
        let found = withCatalog.findings(reference: try Reference(parsing: "acme/tools"),
                                         labels: ["org.opencontainers.image.vendor": "Docker, Inc."], annotations: [:])
        #expect(found.isEmpty)
    }

    @Test func namesTheClaimThePublisherAndTheImageInItsEvidence() throws {
        let found = try findings("acme/web", annotations: ["org.opencontainers.image.vendor": "Canonical"])
        let evidence = try #require(found.first).evidence
        #expect(evidence.configField == "manifest.annotations[org.opencontainers.image.vendor]")
        #expect(evidence.facts == ["claim": "Canonical", "publisher": "Canonical",
                                   "reference": "docker.io/acme/web:latest"])
    }

    /// Hostile claims: huge, empty, control characters, odd URLs. None may crash or hang.
    static let hostileClaims: [String] = [
        String(repeating: "Docker, Inc. ", count: 50_000), "", "\u{0}\u{7F}", "https://", "git@", ":::/",
        "https://github.com:docker-library", String(repeating: "/", count: 5000),
    ]

    @Test(arguments: hostileClaims)
    func survivesHostileClaims(_ value: String) throws {
        _ = try findings("acme/web",
                         labels: ["org.opencontainers.image.vendor": value, "org.opencontainers.image.url": value],
                         annotations: ["org.opencontainers.image.source": value])
    }
}

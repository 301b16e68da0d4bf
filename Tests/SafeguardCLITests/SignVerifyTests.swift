import Attachments
import Crypto
import Foundation
import ImageModel
import ImageSources
import Report
import SafeguardCLI
import Sigstore
import TestSupport
import Testing

/// `safeguard sign` and `safeguard verify` against a real registry: cosign's tag scheme and referrers, a
/// re-signed image, a signature moved from another image, SLSA provenance attestations, and `scan --key`.
@Suite(.serialized) struct SignVerifyTests {
    /// A key pair written by openssl, as users make them.
    struct KeyPair {
        let privatePath: String
        let publicPath: String

        init(_ directory: String, _ name: String) throws {
            privatePath = "\(directory)/\(name).pem"
            publicPath = "\(directory)/\(name).pub"
            try Shell.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                           "-out", privatePath])
            try Shell.run(["openssl", "pkey", "-in", privatePath, "-pubout", "-out", publicPath])
        }

        func privateKey() throws -> PrivateKey {
            try PrivateKey(pem: try String(contentsOfFile: privatePath, encoding: .utf8), source: privatePath)
        }
    }

    /// A fresh image in the shared registry under `name`, with two key pairs beside it.
    struct Fixture {
        let registry: LocalRegistry
        let image: SmallImage
        let reference: String
        let digest: String
        let owner: KeyPair
        let stranger: KeyPair

        init(_ name: String) throws {
            registry = try LocalRegistry.shared.get()
            image = try SmallImage(extra: ["--label", "fixture=\(name)"])
            reference = try registry.push("oci:\(image.layout):v1", as: "\(name):v1")
            digest = image.manifestDigest
            owner = try KeyPair(image.directory, "owner")
            stranger = try KeyPair(image.directory, "stranger")
        }

        /// Runs `safeguard verify` with `key`'s public half and returns its status and JSON report.
        func verify(_ key: KeyPair, _ extra: [String] = []) throws -> (ExitCode, VerifyReport) {
            let output = image.directory + "/verify-\(UUID().uuidString).json"
            let status = Command.main(["verify", "--key", key.publicPath, "--format", "json", "-o", output]
                                          + extra + [reference])
            let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
            return (status, try JSONDecoder().decode(VerifyReport.self, from: bytes))
        }

        func writer() throws -> AttachmentWriter {
            let options = RegistryOptions(credentialStore: CredentialStore(files: []))
            return AttachmentWriter(client: try RegistryClient(registry: registry.host, host: registry.host,
                                                               options: options))
        }
    }

    @Test func verifiesASignatureItPushedAtCosignsTag() throws {
        let fixture = try Fixture("signed")
        defer { fixture.image.remove() }
        #expect(Command.main(["sign", "-q", "--key", fixture.owner.privatePath, fixture.reference]) == .success)

        let (status, report) = try fixture.verify(fixture.owner)
        #expect(status == .success)
        #expect(report.verified)
        let signature = try #require(report.provenance.signatures.first)
        #expect(signature.verified && signature.signer == "key" && signature.format == "cosign")
        #expect(signature.signedDigest == fixture.digest)
        #expect(signature.artifact.hasSuffix(":sha256-\(fixture.digest.dropFirst(7)).sig"))
    }

    @Test func refusesAnImageReSignedWithAnotherKey() throws {
        let fixture = try Fixture("resigned")
        defer { fixture.image.remove() }
        #expect(Command.main(["sign", "-q", "--key", fixture.stranger.privatePath, fixture.reference]) == .success)

        let (status, report) = try fixture.verify(fixture.owner)
        #expect(status == .findings)
        #expect(!report.verified)
        #expect(report.findings.map(\.category).contains("signature.invalid"))
        #expect(report.provenance.signatures.first?.reason?.contains("does not verify") == true)
        // The stranger's key does verify it: the signature is sound, only not the owner's.
        #expect(try fixture.verify(fixture.stranger).0 == .success)
    }

    @Test func refusesASignatureMovedFromAnotherImage() throws {
        let fixture = try Fixture("moved")
        defer { fixture.image.remove() }
        let other = try Fixture("moved-source")
        defer { other.image.remove() }
        #expect(Command.main(["sign", "-q", "--key", fixture.owner.privatePath, other.reference]) == .success)
        // Copy the other image's signature manifest to this image's signature tag, as an attacker with write
        // access to the repository would.
        let host = fixture.registry.host
        try Shell.run(["skopeo", "copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
                       "docker://\(host)/moved-source:sha256-\(other.digest.dropFirst(7)).sig",
                       "docker://\(host)/moved:sha256-\(fixture.digest.dropFirst(7)).sig"])

        let (status, report) = try fixture.verify(fixture.owner)
        #expect(status == .findings)
        let signature = try #require(report.provenance.signatures.first)
        #expect(!signature.verified)
        #expect(signature.signedDigest == other.digest)
        #expect(signature.reason?.contains("moved here from another image") == true)
    }

    @Test func verifiesASignatureAttachedAsAReferrer() throws {
        let fixture = try Fixture("referrer")
        defer { fixture.image.remove() }
        #expect(Command.main(["sign", "-q", "--referrer", "--key", fixture.owner.privatePath, fixture.reference])
            == .success)

        let (status, report) = try fixture.verify(fixture.owner)
        #expect(status == .success)
        let signature = try #require(report.provenance.signatures.first)
        #expect(signature.verified)
        // Debian's docker-registry 2.8 has no referrers API: the fallback tag lists it.
        #expect(signature.origin.contains("fallback tag sha256-"))
    }

    @Test func reportsAnUnsignedImageAsMissingItsSignatureAndProvenance() throws {
        let fixture = try Fixture("unsigned")
        defer { fixture.image.remove() }
        let (status, report) = try fixture.verify(fixture.owner)
        #expect(status == .findings)
        #expect(report.provenance.signatures.isEmpty)
        #expect(Set(report.findings.map(\.category)) == ["signature.missing", "provenance.missing"])

        let output = fixture.image.directory + "/scan.json"
        #expect(Command.main(["scan", "-q", "--key", fixture.owner.publicPath, "--format", "json", "-o", output,
                              "--fail-on", "high", fixture.reference]) == .findings)
        let scan = try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(scan.findings.contains { $0.category == "signature.missing" && $0.ruleID == "SG-SIG-001" })
        #expect(scan.findings.contains { $0.category == "provenance.missing" })
        #expect(scan.provenance?.signatures.isEmpty == true)
    }

    /// An SLSA v1 provenance statement about `digest`, in a DSSE envelope signed with `key`.
    static func provenanceEnvelope(subject digest: String, builder: String, key: PrivateKey,
                                   base: (uri: String, digest: String)? = nil) throws -> [UInt8] {
        let payload = try provenanceStatement(subject: digest, builder: builder, base: base)
        let signature = try key.sign(DSSEEnvelope.pae(type: DSSEEnvelope.inTotoPayloadType, payload: payload))
        let envelope: [String: Any] = [
            "payloadType": DSSEEnvelope.inTotoPayloadType, "payload": Data(payload).base64EncodedString(),
            "signatures": [["keyid": "", "sig": Data(signature).base64EncodedString()]],
        ]
        return Array(try JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys]))
    }

    /// An SLSA v1 provenance statement about `digest`, as GitHub's generator writes them.
    static func provenanceStatement(subject digest: String, builder: String, base: (uri: String, digest: String)? = nil)
        throws -> [UInt8]
    {
        var dependencies: [[String: Any]] = [["uri": "git+https://github.com/acme/app@refs/heads/main",
                                              "digest": ["gitCommit": String(repeating: "a", count: 40)]]]
        if let base { dependencies.append(["uri": base.uri, "digest": ["sha256": String(base.digest.dropFirst(7))]]) }
        let statement: [String: Any] = [
            "_type": "https://in-toto.io/Statement/v1",
            "subject": [["name": "app", "digest": ["sha256": String(digest.dropFirst(7))]]],
            "predicateType": "https://slsa.dev/provenance/v1",
            "predicate": [
                "buildDefinition": [
                    "buildType": "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1",
                    "externalParameters": ["workflow": ["repository": "https://github.com/acme/app",
                                                        "ref": "refs/heads/main", "path": ".github/workflows/b.yml"]],
                    "resolvedDependencies": dependencies,
                ],
                "runDetails": ["builder": ["id": builder],
                               "metadata": ["invocationId": "run-1", "finishedOn": "2026-11-30T10:00:00Z"]],
            ],
        ]
        return Array(try JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys]))
    }

    static let builder = "https://github.com/acme/app/.github/workflows/b.yml@refs/heads/main"

    @Test func holdsSignedProvenanceToTheRequiredBuilderAndSubject() throws {
        let fixture = try Fixture("provenance")
        defer { fixture.image.remove() }
        #expect(Command.main(["sign", "-q", "--key", fixture.owner.privatePath, fixture.reference]) == .success)
        let reference = try Reference(parsing: fixture.reference)
        let digest = try Digest(parsing: fixture.digest)
        let key = try fixture.owner.privateKey()
        try fixture.writer().pushCosignAttestation(
            for: reference, digest: digest,
            envelope: try Self.provenanceEnvelope(subject: fixture.digest, builder: Self.builder, key: key),
            predicateType: "https://slsa.dev/provenance/v1")

        let (status, report) = try fixture.verify(fixture.owner, ["--provenance-builder", Self.builder])
        #expect(status == .success)
        let attestation = try #require(report.provenance.attestations.first)
        #expect(attestation.verified && !attestation.violatesPolicy)
        #expect(attestation.provenance?.builderID == Self.builder)
        #expect(report.findings.isEmpty)

        // Another builder required: the same provenance now breaks the policy.
        let (refused, other) = try fixture.verify(fixture.owner,
                                                  ["--provenance-builder-regexp", "https://ci\\.example/.*"])
        #expect(refused == .findings)
        #expect(other.findings.contains {
            $0.category == "provenance.invalid" && $0.detail.contains("not by the required")
        })

        // Provenance about another digest, signed with the right key, is refused for its subject.
        try fixture.writer().pushCosignAttestation(
            for: reference, digest: digest,
            envelope: try Self.provenanceEnvelope(subject: "sha256:" + String(repeating: "0", count: 64),
                                                  builder: Self.builder, key: key),
            predicateType: "https://slsa.dev/provenance/v1")
        let (_, mixed) = try fixture.verify(fixture.owner, ["--provenance-builder", Self.builder])
        #expect(mixed.provenance.attestations.count == 2)
        #expect(mixed.findings.contains { $0.category == "provenance.invalid" && $0.detail.contains("subjects") })
    }

    /// Pushes an index of the fixture's image and a BuildKit attestation manifest holding `statement`, tagged
    /// `multi`; returns the index's reference.
    static func pushBuildKitIndex(_ fixture: Fixture, statement: [UInt8]) throws -> String {
        typealias BuildKit = AttachmentMediaTypes.BuildKit
        let reference = try Reference(parsing: fixture.reference)
        let client = try RegistryClient(registry: fixture.registry.host, host: fixture.registry.host,
                                        options: RegistryOptions(credentialStore: CredentialStore(files: [])))
        let repository = reference.repository
        let image = try client.fetchManifest(repository: repository, reference: "v1")
        let statementDigest = try client.pushBlob(statement, repository: repository)
        let config = Array(#"{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers"}}"#.utf8)
        let configDigest = try client.pushBlob(config, repository: repository)
        let layer = Descriptor(mediaType: AttachmentMediaTypes.inTotoStatement, digest: statementDigest,
                               size: Int64(statement.count),
                               annotations: [BuildKit.predicateType: "https://slsa.dev/provenance/v1"])
        let attestation = ImageManifest(mediaType: MediaType.ociManifest,
                                        config: Descriptor(mediaType: MediaType.ociConfig, digest: configDigest,
                                                           size: Int64(config.count)),
                                        layers: [layer])
        let attestationBytes = Array(try JSONEncoder().encode(attestation))
        let pushed = try client.putManifest(attestationBytes, mediaType: MediaType.ociManifest,
                                            repository: repository, reference: Digest.of(attestationBytes).description)
        let index = ImageIndex(mediaType: MediaType.ociIndex, manifests: [
            Descriptor(mediaType: image.mediaType ?? MediaType.ociManifest, digest: image.digest,
                       size: Int64(image.bytes.count), platform: Platform(os: "linux", architecture: "amd64")),
            Descriptor(mediaType: MediaType.ociManifest, digest: pushed.digest, size: pushed.size,
                       platform: Platform(os: "unknown", architecture: "unknown"),
                       annotations: [BuildKit.referenceType: BuildKit.attestationManifest,
                                     BuildKit.referenceDigest: image.digest.description]),
        ])
        try client.putManifest(Array(try JSONEncoder().encode(index)), mediaType: MediaType.ociIndex,
                               repository: repository, reference: "multi")
        return "\(fixture.registry.host)/\(repository):multi"
    }

    @Test func trustsBuildKitProvenanceOnlyThroughASignatureOnItsIndex() throws {
        let fixture = try Fixture("buildkit")
        defer { fixture.image.remove() }
        let statement = try Self.provenanceStatement(subject: fixture.digest, builder: Self.builder)
        let multi = try Self.pushBuildKitIndex(fixture, statement: statement)
        let output = fixture.image.directory + "/verify.json"
        func verify() throws -> (ExitCode, VerifyReport) {
            let status = Command.main(["verify", "--key", fixture.owner.publicPath, "--provenance-builder",
                                       Self.builder, "--platform", "linux/amd64", "--format", "json", "-o", output,
                                       multi])
            return (status, try JSONDecoder().decode(VerifyReport.self,
                                                     from: Data(contentsOf: URL(fileURLWithPath: output))))
        }

        // Unsigned: the statement is listed with its claims, but nothing vouches for it.
        let (unsigned, before) = try verify()
        #expect(unsigned == .findings)
        let listed = try #require(before.provenance.attestations.first)
        #expect(listed.format == "buildkit" && !listed.verified)
        #expect(listed.provenance?.builderID == Self.builder)
        #expect(before.findings.contains { $0.category == "provenance.missing" && $0.detail.contains("unsigned") })

        // Signing the index (as cosign signs a multi-platform tag) covers the attestation manifest it pins.
        #expect(Command.main(["sign", "-q", "--key", fixture.owner.privatePath, multi]) == .success)
        let (signed, after) = try verify()
        #expect(signed == .success)
        let trusted = try #require(after.provenance.attestations.first)
        #expect(trusted.verified && trusted.signer?.hasPrefix("covered by the signature on index") == true)
        #expect(after.indexDigest != nil)
        #expect(after.provenance.signatures.first?.signedDigest == after.indexDigest?.description)
    }

    @Test func decidesTheBaseFromTrustedProvenanceMaterials() throws {
        let fixture = try Fixture("from-provenance")
        defer { fixture.image.remove() }
        // The vetted base: the fixture's own first layer, as its own one-layer image, recorded in a catalog.
        let baseLayout = fixture.image.directory + "/base-layout"
        let baseDigest = try FixtureImages.buildImage(layout: baseLayout, tag: "v1",
                                                      layers: [fixture.image.directory + "/base.tar:gzip"])
        let catalog = fixture.image.directory + "/catalog.yaml"
        #expect(Command.main(["catalog", "add", "-q", "--catalog", catalog, "--owner", "platform",
                              "--repository", "registry.example.com/acme/base", "oci:\(baseLayout):v1"]) == .success)

        #expect(Command.main(["sign", "-q", "--key", fixture.owner.privatePath, fixture.reference]) == .success)
        try fixture.writer().pushCosignAttestation(
            for: try Reference(parsing: fixture.reference), digest: try Digest(parsing: fixture.digest),
            envelope: try Self.provenanceEnvelope(
                subject: fixture.digest, builder: Self.builder, key: try fixture.owner.privateKey(),
                base: ("pkg:docker/acme/base@v1?repository_url=registry.example.com", baseDigest)),
            predicateType: "https://slsa.dev/provenance/v1")

        let output = fixture.image.directory + "/scan.json"
        _ = Command.main(["scan", "-q", "--key", fixture.owner.publicPath, "--catalog", catalog, "--format", "json",
                          "-o", output, fixture.reference])
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        let attestation = try #require(report.provenance?.attestations.first)
        #expect(attestation.provenance?.baseImages == ["registry.example.com/acme/base@\(baseDigest)"])
        let base = try #require(report.lineage?.base)
        #expect(base.name == "registry.example.com/acme/base")
        #expect(base.method.rawValue == "provenance")
        #expect(base.layerCount == 1)
        #expect(!report.findings.contains { $0.category.hasPrefix("lineage.") || $0.category.hasPrefix("signature.") })
    }

    @Test func judgesTheBaseProvenanceNamesAsAName() throws {
        let fixture = try Fixture("provenance-base-name")
        defer { fixture.image.remove() }
        let lookalike = "sha256:" + String(repeating: "c", count: 64)
        try fixture.writer().pushCosignAttestation(
            for: try Reference(parsing: fixture.reference), digest: try Digest(parsing: fixture.digest),
            envelope: try Self.provenanceEnvelope(subject: fixture.digest, builder: Self.builder,
                                                  key: try fixture.owner.privateKey(),
                                                  base: ("pkg:docker/library/debain@12", lookalike)),
            predicateType: "https://slsa.dev/provenance/v1")

        let output = fixture.image.directory + "/scan.json"
        _ = Command.main(["scan", "-q", "--key", fixture.owner.publicPath, "--format", "json", "-o", output,
                          fixture.reference])
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        let finding = try #require(report.findings.first { $0.category == "name.typosquat" })
        #expect(finding.evidence.configField?.hasPrefix("provenance ") == true)
        #expect(finding.title.contains("debian"))
    }

    @Test(arguments: [
        // No key at all.
        ["sign", "127.0.0.1:1/x:v1"],
        // A key file that is not there.
        ["sign", "--key", "/nonexistent/key.pem", "127.0.0.1:1/x:v1"],
        // verify without a signer.
        ["verify", "127.0.0.1:1/x:v1"],
        // Half a keyless signer.
        ["verify", "--certificate-identity", "me@example.com", "127.0.0.1:1/x:v1"],
        // Provenance constraints without a signer prove nothing.
        ["scan", "--provenance-builder", "b", "127.0.0.1:1/x:v1"],
        // Signatures live in registries, not in layout directories.
        ["verify", "--certificate-identity", "a", "--certificate-oidc-issuer", "b", "oci:/tmp/none"],
    ])
    func exitsWithErrorStatusOnUsageErrors(_ arguments: [String]) {
        #expect(Command.main(arguments) == .error)
    }

    @Test func refusesAPublicKeyGivenToSign() throws {
        let fixture = try Fixture("wrongkey")
        defer { fixture.image.remove() }
        #expect(Command.main(["sign", "-q", "--key", fixture.owner.publicPath, fixture.reference]) == .error)
    }
}

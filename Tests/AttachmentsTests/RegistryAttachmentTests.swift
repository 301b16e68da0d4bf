import Attachments
import Foundation
import ImageModel
import ImageSources
import TestSupport
import Testing

/// Attachments written and found against a real `docker-registry` (distribution 2.8, no referrers API), with a
/// real image pushed by skopeo. Signatures here are dummy base64 strings: no cryptography in this module.
@Suite(.serialized) struct RegistryAttachmentTests {
    static let certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

    @Test func discoversASignatureItPushedAtTheSigTagWithPayloadAndAnnotations() throws {
        let image = try PushedImage(repository: "attach/signed")
        let payload = CosignPayload.make(reference: image.reference, digest: image.digest)
        let signature = CosignSignatureAnnotations(signature: "ZHVtbXk=", certificate: Self.certificate,
                                                   bundle: #"{"SignedEntryTimestamp":"e30="}"#)
        try AttachmentWriter(client: image.client).pushCosignSignature(for: image.reference, digest: image.digest,
                                                                       payload: payload, signature: signature)

        let found = AttachmentFinder(client: image.client).discover(reference: image.reference,
                                                                    manifestDigest: image.digest)
        let signatures = found.attachments(of: .cosignSignature)
        #expect(found.attachments.count == 1)
        #expect(found.problems.isEmpty, "\(found.problems)")
        #expect(signatures.first?.origin == .tag("sha256-\(image.digest.encoded).sig"))
        #expect(signatures.first?.subject == image.digest)
        #expect(signatures.first?.problems.isEmpty == true)
        #expect(signatures.first?.layers.map(\.bytes) == [payload])
        #expect(signatures.first?.layers.first?.material == .simpleSigning(signature))
        // Debian's docker-registry 2.8 has no referrers API; the (empty) fallback tag was read instead.
        #expect(found.referrersSources[image.digest] == .fallbackTag("sha256-\(image.digest.encoded)"))
    }

    @Test func appendsASecondSignatureAndKeepsTheFirstAndSkipsARepeatedOne() throws {
        let image = try PushedImage(repository: "attach/twice")
        let writer = AttachmentWriter(client: image.client)
        let payload = CosignPayload.make(reference: image.reference, digest: image.digest)
        let first = CosignSignatureAnnotations(signature: "Zmlyc3Q=")
        let second = CosignSignatureAnnotations(signature: "c2Vjb25k", certificate: Self.certificate)
        try writer.pushCosignSignature(for: image.reference, digest: image.digest, payload: payload, signature: first)
        let both = try writer.pushCosignSignature(for: image.reference, digest: image.digest, payload: payload,
                                                  signature: second)
        let again = try writer.pushCosignSignature(for: image.reference, digest: image.digest, payload: payload,
                                                   signature: second)

        let found = AttachmentFinder(client: image.client).discover(reference: image.reference,
                                                                    manifestDigest: image.digest)
        let layers = found.attachments(of: .cosignSignature).first?.layers ?? []
        #expect(layers.map(\.material) == [.simpleSigning(first), .simpleSigning(second)])
        #expect(again.digest == both.digest)
        // The config is cosign's: one history entry and one diff ID per signature layer.
        let tag = "sha256-\(image.digest.encoded).sig"
        let manifest = try JSONDecoder().decode(
            ImageManifest.self, from: Data(try image.client.fetchManifest(repository: image.reference.repository,
                                                                          reference: tag).bytes))
        let config = try image.client.readBlob(repository: image.reference.repository, descriptor: manifest.config,
                                               limit: 4096)
        let diffID = layers[0].descriptor.digest
        #expect(String(decoding: config, as: UTF8.self) == #"{"architecture":"","created":"0001-01-01T00:00:00Z","#
            + #""history":[{"created":"0001-01-01T00:00:00Z"},{"created":"0001-01-01T00:00:00Z"}],"os":"","#
            + #""rootfs":{"type":"layers","diff_ids":["\#(diffID)","\#(diffID)"]},"config":{}}"#)
    }

    @Test func discoversAnAttestationAtTheAttTagWithItsEnvelopeAndPredicateType() throws {
        let image = try PushedImage(repository: "attach/attested")
        try AttachmentWriter(client: image.client).pushCosignAttestation(
            for: image.reference, digest: image.digest, envelope: dummyEnvelope, predicateType: slsaProvenance)

        let found = AttachmentFinder(client: image.client).discover(reference: image.reference,
                                                                    manifestDigest: image.digest)
        let attestation = try #require(found.attachments(of: .cosignAttestation).first)
        #expect(attestation.origin == .tag("sha256-\(image.digest.encoded).att"))
        #expect(attestation.layers.map(\.bytes) == [dummyEnvelope])
        #expect(attestation.layers.first?.material == .dsseEnvelope(predicateType: slsaProvenance))
        #expect(found.attachments(of: .cosignSignature).isEmpty)
    }

    @Test func discoversABuildKitAttestationManifestInTheIndex() throws {
        typealias BuildKit = AttachmentMediaTypes.BuildKit
        let image = try PushedImage(repository: "attach/buildkit")
        let repository = image.reference.repository
        let statement = Array(#"{"_type":"https://in-toto.io/Statement/v1","predicateType":"\#(slsaProvenance)"}"#
            .utf8)
        let statementDigest = try image.client.pushBlob(statement, repository: repository)
        let config = Array(#"{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers"}}"#.utf8)
        let configDigest = try image.client.pushBlob(config, repository: repository)
        let layer = Descriptor(mediaType: AttachmentMediaTypes.inTotoStatement, digest: statementDigest,
                               size: Int64(statement.count),
                               annotations: [AttachmentMediaTypes.BuildKit.predicateType: slsaProvenance])
        let attestation = ImageManifest(mediaType: MediaType.ociManifest,
                                        config: Descriptor(mediaType: MediaType.ociConfig, digest: configDigest,
                                                           size: Int64(config.count)),
                                        layers: [layer])
        let attestationBytes = try encode(attestation)
        let pushed = try image.client.putManifest(attestationBytes, mediaType: MediaType.ociManifest,
                                                  repository: repository,
                                                  reference: Digest.of(attestationBytes).description)
        var imageEntry = image.descriptor
        imageEntry.platform = Platform(os: "linux", architecture: "amd64")
        let attestationEntry = Descriptor(
            mediaType: MediaType.ociManifest, digest: pushed.digest, size: pushed.size,
            platform: Platform(os: "unknown", architecture: "unknown"),
            annotations: [BuildKit.referenceType: BuildKit.attestationManifest,
                          BuildKit.referenceDigest: image.digest.description])
        let index = ImageIndex(mediaType: MediaType.ociIndex, manifests: [imageEntry, attestationEntry])
        let indexPush = try image.client.putManifest(try encode(index), mediaType: MediaType.ociIndex,
                                                     repository: repository, reference: "multi")

        let found = AttachmentFinder(client: image.client).discover(
            reference: image.reference, manifestDigest: image.digest,
            index: SubjectIndex(digest: indexPush.digest, index: index))
        let buildKit = try #require(found.attachments(of: .buildKitAttestation).first)
        #expect(buildKit.origin == .index(indexPush.digest))
        #expect(buildKit.manifestDigest == pushed.digest)
        #expect(buildKit.problems.isEmpty, "\(buildKit.problems)")
        #expect(buildKit.layers.map(\.bytes) == [statement])
        #expect(buildKit.layers.first?.material == .inTotoStatement(predicateType: slsaProvenance))
        // The index's own digest was searched too: its fallback referrers tag was read.
        #expect(found.referrersSources[indexPush.digest] != nil)
    }

    @Test func discoversFromAResolvedImageTheIndexsAttestationAndASignatureOnTheIndex() throws {
        let image = try PushedImage(repository: "attach/resolved")
        let repository = image.reference.repository
        let statement = Array(#"{"_type":"https://in-toto.io/Statement/v1"}"#.utf8)
        let layer = Descriptor(mediaType: AttachmentMediaTypes.inTotoStatement,
                               digest: try image.client.pushBlob(statement, repository: repository),
                               size: Int64(statement.count))
        let config = Array("{}".utf8)
        let attestation = try encode(ImageManifest(
            mediaType: MediaType.ociManifest,
            config: Descriptor(mediaType: MediaType.ociConfig, digest: try image.client.pushBlob(config,
                                                                                               repository: repository),
                               size: Int64(config.count)),
            layers: [layer]))
        let pushed = try image.client.putManifest(attestation, mediaType: MediaType.ociManifest,
                                                  repository: repository,
                                                  reference: Digest.of(attestation).description)
        var imageEntry = image.descriptor
        imageEntry.platform = Platform(os: "linux", architecture: "amd64")
        let attestationEntry = Descriptor(
            mediaType: MediaType.ociManifest, digest: pushed.digest, size: pushed.size,
            platform: Platform(os: "unknown", architecture: "unknown"),
            annotations: [AttachmentMediaTypes.BuildKit.referenceType: "attestation-manifest",
                          AttachmentMediaTypes.BuildKit.referenceDigest: image.digest.description])
        let index = try encode(ImageIndex(mediaType: MediaType.ociIndex, manifests: [imageEntry, attestationEntry]))
        let indexDigest = try image.client.putManifest(index, mediaType: MediaType.ociIndex, repository: repository,
                                                       reference: "multi").digest
        let indexReference = try Reference(parsing: "\(image.reference.registry)/\(repository):multi")
        // cosign signs what the tag names: here, the index.
        try AttachmentWriter(client: image.client).pushCosignSignature(
            for: indexReference, digest: indexDigest,
            payload: CosignPayload.make(reference: indexReference, digest: indexDigest),
            signature: CosignSignatureAnnotations(signature: "ZHVtbXk="))

        let resolved = try ImageResolver(source: RegistrySource(reference: indexReference, options: testOptions()),
                                         platform: Platform(os: "linux", architecture: "amd64")).resolve()
        let found = try #require(AttachmentFinder(client: image.client).discover(resolved))
        #expect(found.manifestDigest == image.digest)
        #expect(found.indexDigest == indexDigest)
        #expect(found.attachments(of: .buildKitAttestation).first?.layers.map(\.bytes) == [statement])
        let signature = try #require(found.attachments(of: .cosignSignature).first)
        #expect(signature.subject == indexDigest)
        #expect(signature.layers.count == 1)
        #expect(found.problems.isEmpty, "\(found.problems)")
    }

    @Test func attachesASigstoreBundleAsAReferrerThroughTheFallbackTagAndFindsIt() throws {
        let image = try PushedImage(repository: "attach/bundle")
        let bundle = Array(#"{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}"#.utf8)
        let writer = AttachmentWriter(client: image.client)
        let attached = try writer.attach(referrer: .sigstoreBundle(bundle), to: image.descriptor, in: image.reference)
        let tag = "sha256-\(image.digest.encoded)"
        #expect(attached.listedBy == .fallbackTag(tag))

        let listed = try image.client.referrers(repository: image.reference.repository, subject: image.digest,
                                                artifactType: AttachmentMediaTypes.sigstoreBundleV03)
        #expect(listed.source == .fallbackTag(tag))
        #expect(listed.descriptors.map(\.digest) == [attached.manifest.digest])
        let other = try image.client.referrers(repository: image.reference.repository, subject: image.digest,
                                               artifactType: "application/example")
        #expect(other.descriptors.isEmpty)

        let found = AttachmentFinder(client: image.client).discover(reference: image.reference,
                                                                    manifestDigest: image.digest)
        let item = try #require(found.attachments(of: .sigstoreBundle).first)
        #expect(item.origin == .referrer(.fallbackTag(tag)))
        #expect(item.manifestDigest == attached.manifest.digest)
        #expect(item.problems.isEmpty, "\(item.problems)")
        #expect(item.layers.map(\.bytes) == [bundle])
        #expect(item.layers.first?.material == .sigstoreBundle(mediaType: AttachmentMediaTypes.sigstoreBundleV03))
        #expect(found.referrersSources[image.digest] == .fallbackTag(tag))
    }

    @Test func findsNothingBesideAnUnsignedImage() throws {
        let image = try PushedImage(repository: "attach/plain")
        let found = AttachmentFinder(client: image.client).discover(reference: image.reference,
                                                                    manifestDigest: image.digest)
        #expect(found.attachments.isEmpty)
        #expect(found.problems.isEmpty, "\(found.problems)")
    }

    private func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}

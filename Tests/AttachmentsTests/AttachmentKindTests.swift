import Attachments
import Foundation
import ImageModel
import ImageSources
import Testing

/// What each place and artifact type is read as, and the material handed to the verifier.
@Suite struct AttachmentKindTests {
    static let bytes = Array(#"{"doc":1}"#.utf8)

    /// Referrers by artifact type: cosign's own types, bundles of any version, and an unknown type left unread.
    static let referrers: [(String, String, AttachmentKind, AttachmentMaterial?)] = [
        (AttachmentMediaTypes.cosignSignatureArtifact, AttachmentMediaTypes.simpleSigning, .cosignSignature,
         .simpleSigning(CosignSignatureAnnotations(signature: nil))),
        (AttachmentMediaTypes.cosignAttestationArtifact, AttachmentMediaTypes.dsseEnvelope, .cosignAttestation,
         .dsseEnvelope(predicateType: nil)),
        (AttachmentMediaTypes.cosignSBOMArtifact, "application/vnd.cyclonedx+json", .cosignSBOM,
         .sbom(mediaType: "application/vnd.cyclonedx+json")),
        ("application/vnd.dev.sigstore.bundle+json;version=0.2", "application/vnd.dev.sigstore.bundle+json",
         .sigstoreBundle, .sigstoreBundle(mediaType: "application/vnd.dev.sigstore.bundle+json")),
        // Not a kind Safeguard reads: listed, neither manifest nor layers fetched.
        ("application/vnd.example.report+json", "application/octet-stream", .otherReferrer, nil),
    ]

    @Test(arguments: referrers)
    func readsAReferrerByItsArtifactType(_ artifactType: String, _ layerType: String, _ kind: AttachmentKind,
                                         _ material: AttachmentMaterial?) throws {
        let registry = try FakeRegistry()
        let subject = registry.addManifest(Array(#"{"image":"kinds"}"#.utf8))
        let layer = registry.addBlob(Self.bytes, mediaType: layerType)
        var referrer = try registry.add(registry.cosignManifest(layers: [layer], subject: subject,
                                                                artifactType: artifactType))
        referrer.artifactType = artifactType
        let answer = try ReferrersAPITests.indexAnswer([referrer])
        registry.referrers = { _ in answer }

        let found = AttachmentFinder(client: try registry.client()).discover(reference: try registry.reference(),
                                                                              manifestDigest: subject.digest)
        let item = try #require(found.attachments.first)
        #expect(item.kind == kind)
        #expect(item.problems.isEmpty, "\(item.problems)")
        #expect(item.artifactType == artifactType)
        #expect(item.layers.first?.material == material)
        #expect(item.layers.first?.bytes == material.map { _ in Self.bytes })
        let fetchedManifest = registry.server.requests.contains { $0.path.hasSuffix("/manifests/\(referrer.digest)") }
        #expect(fetchedManifest == (kind != .otherReferrer))
    }

    @Test func readsAnSBOMAtTheSbomTag() throws {
        let registry = try FakeRegistry()
        let subject = registry.addManifest(Array(#"{"image":"sbom"}"#.utf8))
        let sbom = registry.addBlob(Self.bytes, mediaType: "text/spdx+json")
        try registry.add(registry.cosignManifest(layers: [sbom]),
                         tag: AttachmentMediaTypes.cosignTag(for: subject.digest, .sbom))

        let found = AttachmentFinder(client: try registry.client()).discover(reference: try registry.reference(),
                                                                              manifestDigest: subject.digest)
        let item = try #require(found.attachments(of: .cosignSBOM).first)
        #expect(item.origin == .tag("sha256-\(subject.digest.encoded).sbom"))
        #expect(item.layers.map(\.material) == [.sbom(mediaType: "text/spdx+json")])
        #expect(item.layers.map(\.bytes) == [Self.bytes])
        // No referrers API and no fallback tag: no referrers, and that is no problem.
        #expect(found.referrersSources[subject.digest] == .fallbackTag("sha256-\(subject.digest.encoded)"))
        #expect(found.problems.isEmpty)
    }
}

import Attachments
import Foundation
import ImageModel
import ImageSources
import TestSupport
import Testing

/// Attachments a hostile or broken registry serves: each is kept as a named problem with its attachment, and
/// discovery goes on to find the rest.
@Suite struct HostileAttachmentTests {
    typealias Setup = @Sendable (FakeRegistry, String) throws -> Void

    static let payload = Array(#"{"critical":{}}"#.utf8)
    static let signed = [AttachmentMediaTypes.Cosign.signature: "ZHVtbXk="]

    static let cases: [(String, String, Setup)] = [
        // The manifest names a payload blob the registry does not have.
        ("a signature manifest pointing at a missing blob", "blobUnavailable", { registry, tag in
            let missing = Descriptor(mediaType: AttachmentMediaTypes.simpleSigning, digest: Digest.of([1, 2, 3]),
                                     size: 3, annotations: signed)
            try registry.add(registry.cosignManifest(layers: [missing]), tag: tag)
        }),
        // A layer whose descriptor is larger than the bound is never fetched.
        ("a layer larger than the bound", "layerTooLarge", { registry, tag in
            let big = registry.addBlob([UInt8](repeating: 0x61, count: 2048),
                                       mediaType: AttachmentMediaTypes.simpleSigning, annotations: signed)
            try registry.add(registry.cosignManifest(layers: [big]), tag: tag)
        }),
        // The tag holds something that is not JSON at all.
        ("a manifest that is not JSON", "manifestUnreadable", { registry, tag in
            registry.addManifest(Array("<html>not a manifest</html>".utf8), tag: tag)
        }),
        // A layer of a type that has no place in a signature manifest is not read.
        ("an unknown layer media type", "unexpectedLayerMediaType", { registry, tag in
            let odd = registry.addBlob(Array("#!/bin/sh".utf8), mediaType: "application/x-shellscript")
            try registry.add(registry.cosignManifest(layers: [odd]), tag: tag)
        }),
        // The registry serves other bytes under the layer's digest.
        ("a payload blob that does not match its digest", "blobUnavailable", { registry, tag in
            let layer = registry.addBlob(payload, mediaType: AttachmentMediaTypes.simpleSigning, annotations: signed)
            registry.blobs[layer.digest.description] = Array(#"{"critical":{"x":1}}"#.utf8)
            try registry.add(registry.cosignManifest(layers: [layer]), tag: tag)
        }),
        // More layers than the bound: the first ones are read, the rest reported.
        ("more layers than the bound", "tooManyLayers", { registry, tag in
            let layer = registry.addBlob(payload, mediaType: AttachmentMediaTypes.simpleSigning, annotations: signed)
            try registry.add(registry.cosignManifest(layers: Array(repeating: layer, count: 5)), tag: tag)
        }),
        // An index where cosign puts a manifest.
        ("an index at the signature tag", "manifestUnreadable", { registry, tag in
            try registry.add(ImageIndex(mediaType: MediaType.ociIndex, manifests: []), tag: tag,
                             mediaType: MediaType.ociIndex)
        }),
    ]

    static let limits = AttachmentLimits(maxAttachments: 16, maxLayers: 4, maxLayerBytes: 1024,
                                         maxTotalBytes: 1 << 20)

    @Test(arguments: cases)
    func keepsABrokenSignatureAsANamedProblemAndFindsTheRest(_ name: String, _ problem: String,
                                                            _ setup: Setup) throws {
        let registry = try FakeRegistry()
        let subject = registry.addManifest(Array(#"{"image":1}"#.utf8))
        let sigTag = AttachmentMediaTypes.cosignTag(for: subject.digest, .signature)
        try setup(registry, sigTag)
        // A sound attestation beside the broken signature: discovery must go on to it.
        let envelope = registry.addBlob(dummyEnvelope, mediaType: AttachmentMediaTypes.dsseEnvelope,
                                        annotations: [AttachmentMediaTypes.Cosign.predicateType: slsaProvenance])
        try registry.add(registry.cosignManifest(layers: [envelope]),
                         tag: AttachmentMediaTypes.cosignTag(for: subject.digest, .attestation))

        let found = AttachmentFinder(client: try registry.client(), limits: Self.limits)
            .discover(reference: try registry.reference(), manifestDigest: subject.digest)
        let signature = try #require(found.attachments(of: .cosignSignature).first, "\(name)")
        #expect(signature.problems.kinds == [problem], "\(name): \(signature.problems)")
        #expect(signature.problems.allSatisfy { "\($0)".contains(sigTag) }, "\(name): \(signature.problems)")
        #expect(found.attachments(of: .cosignAttestation).first?.layers.map(\.bytes) == [dummyEnvelope], "\(name)")
        #expect(found.problems.isEmpty, "\(name): \(found.problems)")
    }

    @Test func stopsReadingAttachmentsAtTheBound() throws {
        let registry = try FakeRegistry()
        let subject = registry.addManifest(Array(#"{"image":2}"#.utf8))
        let layer = registry.addBlob(Self.payload, mediaType: AttachmentMediaTypes.simpleSigning,
                                     annotations: Self.signed)
        for suffix in AttachmentMediaTypes.TagSuffix.allCases {
            try registry.add(registry.cosignManifest(layers: [layer]),
                             tag: AttachmentMediaTypes.cosignTag(for: subject.digest, suffix))
        }
        let limits = AttachmentLimits(maxAttachments: 2, maxLayers: 4, maxLayerBytes: 1024, maxTotalBytes: 1 << 20)
        let found = AttachmentFinder(client: try registry.client(), limits: limits)
            .discover(reference: try registry.reference(), manifestDigest: subject.digest)
        #expect(found.attachments.count == 2)
        #expect(found.problems.kinds == ["tooManyAttachments"])
    }

    @Test func refusesToAppendToATagThatHoldsAnUnreadableManifest() throws {
        let registry = try FakeRegistry()
        let subject = registry.addManifest(Array(#"{"image":3}"#.utf8))
        let tag = AttachmentMediaTypes.cosignTag(for: subject.digest, .signature)
        registry.addManifest(Array("garbage".utf8), tag: tag)
        let reference = try registry.reference()
        #expect(throws: AttachmentWriteError.self) {
            try AttachmentWriter(client: registry.client()).pushCosignSignature(
                for: reference, digest: subject.digest, payload: Self.payload,
                signature: CosignSignatureAnnotations(signature: "ZHVtbXk="))
        }
        #expect(registry.manifests[tag]?.0 == Array("garbage".utf8))
    }
}

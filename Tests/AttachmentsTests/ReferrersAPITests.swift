import Attachments
import Foundation
import ImageModel
import ImageSources
import TestSupport
import Testing

/// The referrers API path, which Debian's registry lacks, against a registry of the tests' own.
@Suite struct ReferrersAPITests {
    /// A subject and one Sigstore bundle referrer stored in `registry`.
    static func bundleReferrer(in registry: FakeRegistry) throws -> (subject: Descriptor, referrer: Descriptor) {
        let subject = registry.addManifest(Array(#"{"schemaVersion":2,"subject-placeholder":1}"#.utf8))
        let bundle = registry.addBlob(Array(#"{"bundle":1}"#.utf8), mediaType: AttachmentMediaTypes.sigstoreBundleV03)
        var referrer = try registry.add(registry.cosignManifest(
            layers: [bundle], subject: subject, artifactType: AttachmentMediaTypes.sigstoreBundleV03))
        referrer.artifactType = AttachmentMediaTypes.sigstoreBundleV03
        return (subject, referrer)
    }

    static func index(_ descriptors: [Descriptor]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array(try encoder.encode(ImageIndex(mediaType: MediaType.ociIndex, manifests: descriptors)))
    }

    static func indexAnswer(_ descriptors: [Descriptor]) throws -> MisbehavingHTTPServer.Response {
        .status(200, headers: [("Content-Type", MediaType.ociIndex)], body: try index(descriptors))
    }

    @Test func readsTheAPIsIndexAndSaysTheAPIWasUsed() throws {
        let registry = try FakeRegistry()
        let (subject, referrer) = try Self.bundleReferrer(in: registry)
        let answer = try Self.indexAnswer([referrer])
        registry.referrers = { _ in answer }

        let found = AttachmentFinder(client: try registry.client()).discover(reference: try registry.reference(),
                                                                              manifestDigest: subject.digest)
        #expect(found.referrersSources[subject.digest] == .api)
        let bundle = try #require(found.attachments(of: .sigstoreBundle).first)
        #expect(bundle.origin == .referrer(.api))
        #expect(bundle.problems.isEmpty, "\(bundle.problems)")
        #expect(bundle.layers.map(\.bytes) == [Array(#"{"bundle":1}"#.utf8)])
        // The fallback tag is not read once the API answered.
        #expect(!registry.server.requests.contains { $0.path.hasSuffix("/manifests/sha256-\(subject.digest.encoded)") })
    }

    @Test func asksTheAPIToFilterByArtifactTypeAndFiltersItselfWhenItDoesNot() throws {
        let registry = try FakeRegistry()
        let (subject, referrer) = try Self.bundleReferrer(in: registry)
        var other = referrer
        other.digest = Digest.of(Array("other".utf8))
        other.artifactType = "application/example"
        let answer = try Self.indexAnswer([referrer, other])
        registry.referrers = { _ in answer }

        let listed = try registry.client().referrers(repository: "app", subject: subject.digest,
                                                     artifactType: AttachmentMediaTypes.sigstoreBundleV03)
        #expect(listed.source == .api)
        #expect(listed.descriptors.map(\.digest) == [referrer.digest])
        let asked = registry.server.requests.first { $0.path.contains("/referrers/") }?.path
        let query = "?artifactType=application%2Fvnd.dev.sigstore.bundle.v0.3%2Bjson"
        #expect(asked == "/v2/app/referrers/\(subject.digest)" + query)
    }

    /// Answers after which the fallback tag must be read: no API, or something that is not an index.
    static let fallbackAnswers: [(String, MisbehavingHTTPServer.Response)] = [
        ("404, as from a registry without the API", .status(404)),
        ("an HTML page from a catch-all proxy", .status(200, headers: [("Content-Type", "text/html")],
                                                         body: Array("<html>hello</html>".utf8))),
        ("an image manifest instead of an index", .status(200, headers: [("Content-Type", MediaType.ociManifest)],
                                                          body: Array(#"{"schemaVersion":2,"layers":[]}"#.utf8))),
    ]

    @Test(arguments: fallbackAnswers)
    func fallsBackToTheTagWhenTheAPIDoesNotAnswerWithAnIndex(_ name: String,
                                                            _ answer: MisbehavingHTTPServer.Response) throws {
        let registry = try FakeRegistry()
        let (subject, referrer) = try Self.bundleReferrer(in: registry)
        registry.referrers = { _ in answer }
        let tag = "sha256-\(subject.digest.encoded)"
        registry.addManifest(try Self.index([referrer]), tag: tag, mediaType: MediaType.ociIndex)

        let found = AttachmentFinder(client: try registry.client()).discover(reference: try registry.reference(),
                                                                              manifestDigest: subject.digest)
        #expect(found.referrersSources[subject.digest] == .fallbackTag(tag), "\(name)")
        #expect(found.attachments(of: .sigstoreBundle).first?.layers.count == 1, "\(name)")
    }

    @Test func refusesAListOfMoreReferrersThanTheBound() throws {
        let registry = try FakeRegistry()
        let (subject, referrer) = try Self.bundleReferrer(in: registry)
        let flood = (0...RegistryClient.maxReferrers).map { number in
            var copy = referrer
            copy.digest = Digest.of(Array("referrer \(number)".utf8))
            return copy
        }
        let answer = try Self.indexAnswer(flood)
        registry.referrers = { _ in answer }

        #expect { try registry.client().referrers(repository: "app", subject: subject.digest) } throws: {
            "\($0)".contains("more than \(RegistryClient.maxReferrers) referrers")
        }
        let found = AttachmentFinder(client: try registry.client()).discover(reference: try registry.reference(),
                                                                              manifestDigest: subject.digest)
        #expect(found.attachments.isEmpty)
        #expect(found.problems.kinds == ["referrersUnavailable"])
        #expect(!registry.server.requests.contains { $0.path.contains("/manifests/") && $0.path.contains(":") })
    }

    @Test func keepsAReferrerWhoseManifestDoesNotMatchItsDigestAsAProblem() throws {
        let registry = try FakeRegistry()
        let (subject, referrer) = try Self.bundleReferrer(in: registry)
        // The registry serves other bytes under the referrer's digest: a substituted manifest.
        let substitute = Array(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}"#.utf8)
        registry.manifests[referrer.digest.description] = (substitute, MediaType.ociManifest)
        var listed = referrer
        listed.size = Int64(substitute.count)
        let answer = try Self.indexAnswer([listed])
        registry.referrers = { _ in answer }

        let found = AttachmentFinder(client: try registry.client()).discover(reference: try registry.reference(),
                                                                              manifestDigest: subject.digest)
        let bundle = try #require(found.attachments(of: .sigstoreBundle).first)
        #expect(bundle.layers.isEmpty)
        #expect(bundle.problems.kinds == ["manifestUnavailable"])
        #expect("\(bundle.problems)".contains("digest mismatch"))
        #expect("\(bundle.problems)".contains(referrer.digest.description))
    }

    @Test func refusesAReferrerWhoseManifestNamesAnotherSubject() throws {
        let registry = try FakeRegistry()
        let (subject, _) = try Self.bundleReferrer(in: registry)
        let elsewhere = registry.addManifest(Array(#"{"another":"image"}"#.utf8))
        let bundle = registry.addBlob(Array("b".utf8), mediaType: AttachmentMediaTypes.sigstoreBundleV03)
        var foreign = try registry.add(registry.cosignManifest(layers: [bundle], subject: elsewhere))
        foreign.artifactType = AttachmentMediaTypes.sigstoreBundleV03
        let answer = try Self.indexAnswer([foreign])
        registry.referrers = { _ in answer }

        let found = AttachmentFinder(client: try registry.client()).discover(reference: try registry.reference(),
                                                                              manifestDigest: subject.digest)
        let item = try #require(found.attachments.first)
        #expect(item.problems.kinds == ["subjectMismatch"])
        #expect(item.layers.isEmpty)
    }

    @Test func attachUsesTheAPIWhenTheRegistryAnswersOCISubjectAndLeavesTheFallbackTagAlone() throws {
        let registry = try FakeRegistry()
        let (subject, _) = try Self.bundleReferrer(in: registry)
        let bundle = Array(#"{"bundle":2}"#.utf8)
        registry.addBlob(bundle, mediaType: AttachmentMediaTypes.sigstoreBundleV03)
        registry.addBlob(AttachmentMediaTypes.emptyContent, mediaType: AttachmentMediaTypes.empty)
        registry.putHeaders = [("OCI-Subject", subject.digest.description)]

        let attached = try AttachmentWriter(client: registry.client()).attach(
            referrer: .sigstoreBundle(bundle), to: subject, in: registry.reference())
        #expect(attached.listedBy == .api)
        let puts = registry.server.requests.filter { $0.method == "PUT" }.map(\.path)
        #expect(puts == ["/v2/app/manifests/\(attached.manifest.digest)"])
        let stored = try JSONDecoder().decode(ImageManifest.self, from: Data(registry.manifests[
            attached.manifest.digest.description]?.0 ?? []))
        #expect(stored.subject == subject)
        #expect(stored.artifactType == AttachmentMediaTypes.sigstoreBundleV03)
        #expect(stored.config.mediaType == AttachmentMediaTypes.empty)
    }
}

import ImageModel
import LayerPass
import TestSupport
import Testing

/// The layer pass's file digests: computed in the one pass for the files a `DigestRequest` selects, whether or not
/// a `FileRequest` also keeps their bytes, and standing for the last copy of a path.
@Suite struct FileDigestsTests {
    static let request = DigestRequest(analyzer: "test") { $0.path.hasPrefix("usr/") }

    static func pass(_ entries: [TarWriter.Entry], requests: [FileRequest] = [],
                     digests request: DigestRequest = Self.request) throws -> LayerResult {
        let bytes = TarWriter.archive(entries)
        let descriptor = Descriptor(mediaType: "application/vnd.oci.image.layer.v1.tar", digest: Digest.of(bytes),
                                    size: Int64(bytes.count))
        return try LayerPass(concurrency: 1, requests: requests, digests: request).run(
            layers: [descriptor], diffIDs: [descriptor.digest], open: { _ in MemoryByteStream(bytes) })[0]
    }

    @Test func digestsSelectedFilesWithEveryAlgorithm() throws {
        let result = try Self.pass([.file("usr/bin/tool", "abc"), .file("etc/motd", "abc")])
        let digests = try #require(result.fileDigests["usr/bin/tool"])
        #expect(digests.hex("md5") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(digests.hex("sha1") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(digests.hex("sha256") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(result.fileDigests["etc/motd"] == nil)
    }

    @Test func digestsAFileARequestAlsoKeepsTheSameWay() throws {
        let keep = FileRequest.paths(["usr/bin/tool"], analyzer: "keep", maxSize: 100)
        let result = try Self.pass([.file("usr/bin/tool", "abc")], requests: [keep])
        #expect(result.captured["usr/bin/tool"] == Array("abc".utf8))
        #expect(result.fileDigests["usr/bin/tool"] == FileDigests(of: Array("abc".utf8)))
    }

    @Test func markerEntriesNarrowTheAlgorithmsOfTheFilesAfterThem() throws {
        let narrowing = DigestRequest(analyzer: "test", selects: { $0.path.hasPrefix("usr/") }) { entry in
            switch entry.path {
            case "etc/one": .md5
            case "etc/two": .sha256
            default: nil
            }
        }
        let result = try Self.pass([
            .file("usr/before", "x"), .directory("etc/one"), .file("usr/middle", "x"), .directory("etc/two"),
            .file("usr/after", "x"),
        ], digests: narrowing)
        #expect(result.fileDigests["usr/before"]?.algorithms == .all)
        #expect(result.fileDigests["usr/middle"]?.algorithms == .md5)
        #expect(result.fileDigests["usr/middle"]?.sha1 == nil)
        #expect(result.fileDigests["usr/middle"]?.matches(recorded: "sha1:" + String(repeating: "0", count: 40)) == nil)
        #expect(result.fileDigests["usr/after"]?.algorithms == [.md5, .sha256])
        #expect(result.fileDigests["usr/after"]?.hex("sha256") == FileDigests(of: Array("x".utf8)).hex("sha256"))
    }

    @Test func lastCopyOfAPathInTheLayerStands() throws {
        let result = try Self.pass([.file("usr/bin/tool", "first"), .file("usr/bin/tool", "second")])
        #expect(result.fileDigests["usr/bin/tool"] == FileDigests(of: Array("second".utf8)))
        let relinked = try Self.pass([.file("usr/bin/tool", "first"), .symlink("usr/bin/tool", to: "other")])
        #expect(relinked.fileDigests["usr/bin/tool"] == nil)
    }
}

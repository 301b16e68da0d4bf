import ImageModel
import LayerPass
import TestSupport
import Testing

@Suite struct LayerPassTests {
    static func layer(_ entries: [TarWriter.Entry]) -> (Descriptor, [UInt8]) {
        let bytes = TarWriter.archive(entries)
        let descriptor = Descriptor(mediaType: "application/vnd.oci.image.layer.v1.tar", digest: Digest.of(bytes),
                                    size: Int64(bytes.count))
        return (descriptor, bytes)
    }

    @Test func keepsOnlyTheRequestedFilesWithinTheirSizeCap() throws {
        let (descriptor, bytes) = Self.layer([
            .file("etc/os-release", "ID=debian\n"), .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n"),
            .file("var/lib/dpkg/status", String(repeating: "x", count: 2000)), .file("usr/bin/tool", "binary"),
        ])
        let requests = [
            FileRequest.paths(["etc/os-release", "var/lib/dpkg/status"], analyzer: "os", maxSize: 1000),
            FileRequest(analyzer: "users", maxSize: 1000) { $0.hasPrefix("etc/pass") },
        ]
        let results = try LayerPass(concurrency: 1, requests: requests).run(
            layers: [descriptor], diffIDs: [Digest.of(bytes)], open: { _ in MemoryByteStream(bytes) })

        #expect(results[0].captured["etc/os-release"] == Array("ID=debian\n".utf8))
        #expect(results[0].captured["etc/passwd"] != nil)
        #expect(results[0].captured["var/lib/dpkg/status"] == nil)  // over its 1000-byte cap
        #expect(results[0].captured["usr/bin/tool"] == nil)  // nobody asked
        #expect(results[0].digestMatches && results[0].diffIDMatches)
    }

    @Test func keepsASelectedFileOnlyWhenSomeRequestWantsItsBytes() throws {
        let (descriptor, bytes) = Self.layer([
            .file("bin/wanted", "KEEP me"), .file("bin/other", "drop me"), .file("bin/both", "drop, but listed"),
        ])
        let requests = [
            FileRequest(analyzer: "prefix", maxSize: 100, selecting: { $0.path.hasPrefix("bin/") },
                        keeping: { $0.starts(with: Array("KEEP".utf8)) }),
            // A second request that keeps whatever it selects: its claim on a file is not lost to the first's.
            FileRequest.paths(["bin/both"], analyzer: "paths", maxSize: 100),
        ]
        let results = try LayerPass(concurrency: 1, requests: requests).run(
            layers: [descriptor], diffIDs: [Digest.of(bytes)], open: { _ in MemoryByteStream(bytes) })

        #expect(results[0].captured["bin/wanted"] == Array("KEEP me".utf8))
        #expect(results[0].captured["bin/other"] == nil)
        #expect(results[0].captured["bin/both"] == Array("drop, but listed".utf8))
    }

    @Test func attributesEachPathToTheLayerThatLastWroteIt() throws {
        let (base, baseBytes) = Self.layer([.file("a", "1"), .file("b", "1"), .directory("d/"), .file("d/x", "1")])
        let (top, topBytes) = Self.layer([.file("b", "2"), .file(".wh.a"), .file("d/.wh..wh..opq"), .file("d/y", "2")])
        let blobs = [base.digest: baseBytes, top.digest: topBytes]
        let results = try LayerPass(concurrency: 2).run(
            layers: [base, top], diffIDs: [base.digest, top.digest], open: { MemoryByteStream(blobs[$0.digest]!) })
        let fileSystem = FileSystem(layers: results.map { $0.changes })

        #expect(fileSystem["a"] == nil)
        #expect(fileSystem["b"]?.layer == 1)
        #expect(fileSystem["d"]?.layer == 0)
        #expect(fileSystem["d/x"] == nil)
        #expect(fileSystem["d/y"]?.layer == 1)
        #expect(fileSystem.layerStatistics[1] == .init(added: 1, changed: 1, deleted: 2))
    }

    // A FuzzLayer regression: two old GNU sparse entries (type S) with no data, each declaring a real size of
    // 2^62 in base-256, overflowed the summary's byte total and trapped. The total saturates instead.
    @Test func saturatesTheTotalSizeOfSparseFilesThatClaimMoreThanInt64() throws {
        func sparseHeader(_ name: String) -> [UInt8] {
            var block = [UInt8](repeating: 0, count: 512)
            block.replaceSubrange(0..<name.utf8.count, with: Array(name.utf8))
            for (offset, field) in [(100, "0000644\0"), (108, "0000000\0"), (116, "0000000\0"),
                                    (124, "00000000000\0"), (136, "00000000000\0"), (257, "ustar  \0")] {
                block.replaceSubrange(offset..<offset + field.utf8.count, with: Array(field.utf8))
            }
            block[156] = UInt8(ascii: "S")
            block.replaceSubrange(483..<495, with: [0x80, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0])  // realsize 2^62
            block.replaceSubrange(148..<156, with: Array("        ".utf8))
            let sum = block.reduce(0) { $0 + Int($1) }
            let octal = String(sum, radix: 8)
            block.replaceSubrange(148..<156, with: Array((String(repeating: "0", count: 6 - octal.count) + octal).utf8)
                                                   + [0, 0x20])
            return block
        }
        let bytes = sparseHeader("a") + sparseHeader("b") + [UInt8](repeating: 0, count: 1024)
        let descriptor = Descriptor(mediaType: "application/vnd.oci.image.layer.v1.tar", digest: Digest.of(bytes),
                                    size: Int64(bytes.count))
        let results = try LayerPass(concurrency: 1).run(layers: [descriptor], diffIDs: [],
                                                        open: { _ in MemoryByteStream(bytes) })
        let summary = FileSystem(layers: results.map { $0.changes }).summary

        #expect(summary.files == 2)
        #expect(summary.totalFileBytes == .max)
    }

    @Test func keepsGoingPastACorruptTarAndStillChecksTheBlobDigest() throws {
        var (descriptor, bytes) = Self.layer([.file("a", "1")])
        bytes[148] = UInt8(ascii: "9")  // break the header checksum
        descriptor.digest = Digest.of(bytes)
        let corrupt = bytes
        let results = try LayerPass().run(layers: [descriptor], diffIDs: [], open: { _ in MemoryByteStream(corrupt) })
        guard case .tar(.badChecksum(let location))? = results[0].interruption else {
            Issue.record("expected a bad checksum, got \(String(describing: results[0].interruption))")
            return
        }
        #expect(location.headerOffset == 0)
        #expect(results[0].digestMatches)
        #expect(results[0].computedDiffID == nil)
    }

    @Test func failsNamingTheLayerWhenTheBlobIsTruncated() throws {
        let (descriptor, bytes) = Self.layer([.file("a", "1")])
        let short = Array(bytes.prefix(1024))
        #expect { try LayerPass().run(layers: [descriptor], diffIDs: [], open: { _ in MemoryByteStream(short) }) }
            throws: { "\($0)".contains("layer 0 (\(descriptor.digest))") && "\($0)".contains("size mismatch") }
    }

    @Test func reportsADescriptorSizeThatLiesAboutAVerifiedBlob() throws {
        var (descriptor, bytes) = Self.layer([.file("a", "1")])
        descriptor.size += 512  // the digest still names these exact bytes
        let blob = bytes
        let results = try LayerPass().run(layers: [descriptor], diffIDs: [], open: { _ in MemoryByteStream(blob) })
        #expect(results[0].digestMatches)
        #expect(results[0].blobSize == Int64(bytes.count))
        #expect(results[0].blobSize != descriptor.size)
    }
}

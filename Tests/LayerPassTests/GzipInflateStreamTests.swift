import TestSupport
import ImageModel
import LayerPass
import Testing

@Suite(.enabled(if: toolExists("gzip") && toolExists("python3"), "needs the gzip and python3 commands"))
struct GzipInflateStreamTests {
    let plain = sampleBytes(count: 700_000)

    private func inflate(_ bytes: [UInt8], step: Int = .max) throws -> [UInt8] {
        var stream = GzipInflateStream(TrickleStream(bytes, step: step))
        return try readEverything(&stream)
    }

    @Test(arguments: [Int.max, 1, 777])
    func roundTripsDataCompressedByTheGzipCommand(step: Int) throws {
        let compressed = try runTool("gzip -c -6", input: plain)
        #expect(try inflate(compressed, step: step) == plain)
    }

    @Test func roundTripsDataCompressedByPython() throws {
        let script = "import gzip,sys; sys.stdout.buffer.write(gzip.compress(sys.stdin.buffer.read(), 9))"
        let compressed = try runTool("python3 -c '\(script)'", input: plain)
        #expect(try inflate(compressed) == plain)
    }

    @Test(arguments: [Int.max, 1, 4093])
    func decodesConcatenatedMembers(step: Int) throws {
        let first = try runTool("gzip -c -1", input: Array(plain[0..<1000]))
        let empty = try runTool("gzip -c")
        let second = try runTool("gzip -c -9", input: Array(plain[1000...]))
        var stream = GzipInflateStream(TrickleStream(first + empty + second + empty, step: step))
        #expect(try readEverything(&stream) == plain)
        #expect(stream.membersDecoded == 4)
    }

    @Test func decodesAnEmptyMember() throws {
        #expect(try inflate(try runTool("gzip -c")) == [])
    }

    @Test func acceptsTrailingZeroPadding() throws {
        let compressed = try runTool("gzip -c", input: Array(plain[0..<5000])) + [UInt8](repeating: 0, count: 1000)
        var stream = GzipInflateStream(MemoryByteStream(compressed))
        #expect(try readEverything(&stream) == Array(plain[0..<5000]))
        #expect(stream.trailingZeroBytes == 1000)
    }

    @Test func rejectsACorruptedCRC() throws {
        var compressed = try runTool("gzip -c", input: plain)
        compressed[compressed.count - 6] ^= 0x01  // a byte of the trailer's CRC32
        #expect(throws: DecompressionError.self) { try inflate(compressed) }
    }

    @Test func rejectsACorruptedLength() throws {
        var compressed = try runTool("gzip -c", input: plain)
        compressed[compressed.count - 1] ^= 0x01  // a byte of the trailer's ISIZE
        #expect(throws: DecompressionError.self) { try inflate(compressed) }
    }

    @Test(arguments: [1, 10, 1000, 8])
    func rejectsATruncatedMember(cutBytes: Int) throws {
        let compressed = try runTool("gzip -c", input: plain)
        let error = #expect(throws: DecompressionError.self) { try inflate(Array(compressed.dropLast(cutBytes))) }
        if case .truncated = error {} else { Issue.record("expected truncated, got \(String(describing: error))") }
    }

    @Test(arguments: [
        Array("this is not gzip at all".utf8),  // plain text
        [0x1f, 0x8b, 0x07, 0x00, 0, 0, 0, 0, 0, 0xff, 1, 2, 3],  // gzip magic with a method other than deflate
        [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff],  // header, then an invalid block type
        [],  // nothing at all
    ] as [[UInt8]])
    func rejectsDataThatIsNotGzip(bytes: [UInt8]) {
        #expect(throws: DecompressionError.self) { try inflate(bytes) }
    }

    @Test func rejectsGarbageAfterTheLastMember() throws {
        let compressed = try runTool("gzip -c", input: Array(plain[0..<100])) + Array("junk".utf8)
        #expect(throws: DecompressionError.self) { try inflate(compressed) }
    }
}

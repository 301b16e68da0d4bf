import TestSupport
import ImageModel
import LayerPass
import Testing

@Suite(.enabled(if: toolExists("zstd"), "needs the zstd command (Debian package zstd)"))
struct ZstdDecompressStreamTests {
    let plain = sampleBytes(count: 900_000, seed: 7)

    private func decompress(_ bytes: [UInt8], step: Int = .max) throws -> [UInt8] {
        var stream = try ZstdDecompressStream(TrickleStream(bytes, step: step))
        return try readEverything(&stream)
    }

    @Test(arguments: [Int.max, 1, 5003])
    func roundTripsDataCompressedByTheZstdCommand(step: Int) throws {
        let compressed = try runTool("zstd -q -c -3", input: plain)
        #expect(try decompress(compressed, step: step) == plain)
    }

    @Test func decodesConcatenatedFrames() throws {
        let first = try runTool("zstd -q -c", input: Array(plain[0..<12345]))
        let empty = try runTool("zstd -q -c")
        let second = try runTool("zstd -q -c -19", input: Array(plain[12345...]))
        #expect(try decompress(first + empty + second, step: 999) == plain)
    }

    @Test(arguments: [1, 4, 100])
    func rejectsATruncatedFrame(cutBytes: Int) throws {
        let compressed = try runTool("zstd -q -c", input: plain)
        #expect(throws: DecompressionError.self) { try decompress(Array(compressed.dropLast(cutBytes))) }
    }

    @Test(arguments: [
        Array("not zstd".utf8),  // no frame magic
        [],  // nothing at all
    ] as [[UInt8]])
    func rejectsDataThatIsNotZstd(bytes: [UInt8]) {
        #expect(throws: DecompressionError.self) { try decompress(bytes) }
    }

    @Test func rejectsAFrameDemandingAnOversizedWindow() throws {
        // --long=30 writes a frame header announcing a 1 GiB window, above the 128 MiB bound.
        let compressed = try runTool("zstd -q -c --long=30", input: plain)
        #expect(throws: DecompressionError.self) { try decompress(compressed) }
    }
}

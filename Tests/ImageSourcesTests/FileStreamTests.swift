import Foundation
import ImageModel
import ImageSources
import TestSupport
import Testing

@Suite struct FileStreamTests {
    @Test func skipMovesWithinTheRangeAndStopsAtItsEnd() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/data"
        try Data((0..<100).map { UInt8($0) }).write(to: URL(fileURLWithPath: path))
        var stream = try FileStream(path: path, offset: 10, length: 50)
        var scratch = [UInt8](repeating: 0, count: 8)

        let skipped = try scratch.withUnsafeMutableBytes { try stream.skip(20, using: $0) }
        #expect(skipped == 20)
        #expect(try stream.readAll(limit: 100).first == 30)  // 10 + 20: the byte after the skipped range
        #expect(try scratch.withUnsafeMutableBytes { try stream.skip(5, using: $0) } == 0)  // at the range's end
    }

    @Test func defaultSkipReadsThroughTheScratchBuffer() throws {
        var stream = MemoryByteStream(Array(0..<10))
        var scratch = [UInt8](repeating: 0, count: 3)
        #expect(try scratch.withUnsafeMutableBytes { try stream.skip(7, using: $0) } == 7)
        #expect(try stream.readAll(limit: 10) == [7, 8, 9])
        #expect(try scratch.withUnsafeMutableBytes { try stream.skip(7, using: $0) } == 0)
    }
}

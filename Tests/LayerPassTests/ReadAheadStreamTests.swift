import Foundation
import ImageModel
@testable import LayerPass
import Testing
import TestSupport

/// The read-ahead thread must be invisible to the consumer: the same bytes in the same order, a failure after
/// exactly the bytes before it, and a consumer that stops early never left waiting on the thread.
@Suite struct ReadAheadStreamTests {
    /// Yields `bytes` in small reads, then fails.
    struct FailingStream: ByteStream {
        var inner: TrickleStream
        let failure: ByteStreamError

        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let count = try inner.read(into: buffer)
            if count == 0 { throw failure }
            return count
        }
    }

    @Test(arguments: [1, 1000, 65_536, 1_000_000])
    func passesEveryByteInOrder(_ step: Int) throws {
        let bytes = sampleBytes(count: 300_000)
        var stream = ReadAheadStream(TrickleStream(bytes, step: step), chunkSize: 4096)
        defer { stream.finish() }
        #expect(try readEverything(&stream) == bytes)
    }

    @Test func failsAfterExactlyTheBytesReadBeforeTheFailure() throws {
        let bytes = sampleBytes(count: 50_000)
        let stream = ReadAheadStream(FailingStream(inner: TrickleStream(bytes, step: 777),
                                                   failure: .tooLarge(limit: 7)), chunkSize: 1024)
        defer { stream.finish() }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 333)
        #expect(throws: ByteStreamError.tooLarge(limit: 7)) {
            while true {
                let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
                received.append(contentsOf: buffer[0..<count])
            }
        }
        #expect(received == bytes)
    }

    // A thread left waiting would hang `finish`: the time limit turns that into a failure.
    @Test(.timeLimit(.minutes(1)))
    func finishingEarlyStopsTheThreadWhileItWaitsForRoom() throws {
        // Far more than the chunks can hold: the thread fills them all and waits for the consumer.
        let source = TrickleStream(sampleBytes(count: 4 << 20), step: 65_536)
        let stream = ReadAheadStream(source, chunkSize: 4096)
        var buffer = [UInt8](repeating: 0, count: 100)
        #expect(try buffer.withUnsafeMutableBytes { try stream.read(into: $0) } == 100)
        Thread.sleep(forTimeInterval: 0.05)
        stream.finish()
        stream.finish()  // A second call returns at once.
    }

    @Test func anEmptyStreamEndsAtOnce() throws {
        var stream = ReadAheadStream(TrickleStream([], step: 10), chunkSize: 64)
        defer { stream.finish() }
        #expect(try readEverything(&stream).isEmpty)
    }
}

import Foundation
import ImageModel

/// Reads a stream ahead on a thread of its own, a few chunks at most, so that the stages below it (socket or
/// file, compressed digest, inflate) run while the consumer walks the tar, digests files and searches them.
///
/// One layer is otherwise one thread: an image of one large layer used one core of two. Memory stays bounded by
/// `chunkCount` chunks; a failure of the base reaches the consumer after every byte read before it, as if read
/// in line. Call `finish()` before touching any stage below this one again: it stops the thread and waits.
final class ReadAheadStream: ByteStream, @unchecked Sendable {
    /// How many chunks may wait for the consumer: enough to ride out uneven stages, small enough to not matter.
    static let chunkCount = 4

    private let condition = NSCondition()
    private let chunks: [UnsafeMutableRawBufferPointer]
    /// Chunks the thread may fill, and filled chunks in order with their byte counts.
    private var free: [Int]
    private var filled: [(chunk: Int, count: Int)] = []
    private var failure: (any Error)?
    private var ended = false
    private var stopping = false
    private var running = true
    /// The chunk the consumer is reading and how far it has read.
    private var current: (chunk: Int, offset: Int, count: Int)?

    /// Starts reading `base` on a new thread; from now on only that thread touches `base`.
    init(_ base: some ByteStream, chunkSize: Int) {
        chunks = (0..<Self.chunkCount).map { _ in
            UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        }
        free = Array(chunks.indices)
        let source = Source(base)
        let thread = Thread { [self] in produce(source) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        finish()
        chunks.forEach { $0.deallocate() }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if current == nil || current!.offset == current!.count {
            guard let next = try nextChunk() else { return 0 }
            current = (next.chunk, 0, next.count)
        }
        let (chunk, offset, count) = current!
        let length = min(buffer.count, count - offset)
        buffer.baseAddress!.copyMemory(from: chunks[chunk].baseAddress! + offset, byteCount: length)
        current!.offset += length
        return length
    }

    /// Stops the thread and waits for it; bytes read ahead and not consumed are dropped.
    func finish() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    /// Gives back the chunk just read and waits for the next one; nil at the end.
    private func nextChunk() throws -> (chunk: Int, count: Int)? {
        condition.lock()
        defer { condition.unlock() }
        if let done = current {
            free.append(done.chunk)
            current = nil
            condition.broadcast()
        }
        while filled.isEmpty && !ended && failure == nil { condition.wait() }
        if !filled.isEmpty { return filled.removeFirst() }
        if let failure { throw failure }
        return nil
    }

    private func produce(_ source: Source) {
        while let chunk = takeFreeChunk() {
            do {
                let count = try source.read(into: chunks[chunk])
                condition.lock()
                if count == 0 { ended = true; free.append(chunk) } else { filled.append((chunk, count)) }
                condition.broadcast()
                condition.unlock()
                if count == 0 { break }
            } catch {
                condition.lock()
                failure = error
                condition.broadcast()
                condition.unlock()
                break
            }
        }
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }

    /// A chunk to fill, waiting while the consumer holds them all; nil once told to stop.
    private func takeFreeChunk() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && !stopping { condition.wait() }
        return stopping ? nil : free.removeFirst()
    }

    /// The base stream, handed to the reading thread and touched by it alone.
    private final class Source: @unchecked Sendable {
        private var base: any ByteStream

        init(_ base: some ByteStream) { self.base = base }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try base.read(into: buffer) }
    }
}

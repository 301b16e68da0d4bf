import ImageModel

/// The size of a tar block; headers are one block and data is padded to whole blocks.
let tarBlockSize = 512

/// How many uncompressed bytes the tar reader buffers from its base stream.
///
/// 256 KiB amortises the cost of each pull through decompression and digesting over many headers and
/// small files, while staying a fixed, small allocation per layer whatever the layer's size. It is a
/// multiple of the block size so that reads stay block-aligned in the common case.
let tarInputCapacity = 256 * 1024

/// The tar reader's input buffer, allocated once and freed when the reader is dropped.
final class TarInputBuffer {
    let bytes: UnsafeMutableRawBufferPointer

    init() { bytes = .allocate(byteCount: tarInputCapacity, alignment: 64) }

    deinit { bytes.deallocate() }
}

/// What `TarInput.nextBlock()` found.
enum TarBlockRead {
    /// A whole block, valid until the next call on the input.
    case block(UnsafeRawBufferPointer)
    /// The stream ended exactly at a block boundary.
    case end
    /// The stream ended inside a block; these are the bytes there were, valid until the next call.
    case partial(UnsafeRawBufferPointer)
}

/// A buffered reader over the base stream that hands out whole blocks in place and copies or skips data.
struct TarInput<Base: ByteStream> {
    private var base: Base
    private let buffer = TarInputBuffer()
    private var start = 0
    private var end = 0
    private var baseEnded = false
    /// Offset in the stream of the next byte not yet consumed.
    private(set) var offset: Int64 = 0

    init(_ base: Base) { self.base = base }

    /// Consumes the next block, pointing into the buffer without copying.
    mutating func nextBlock() throws -> TarBlockRead {
        if end - start < tarBlockSize { try fill(atLeast: tarBlockSize) }
        let available = end - start
        if available == 0 { return .end }
        if available < tarBlockSize {
            let bytes = UnsafeRawBufferPointer(rebasing: buffer.bytes[start..<end])
            start = end
            offset += Int64(available)
            return .partial(bytes)
        }
        let block = UnsafeRawBufferPointer(rebasing: buffer.bytes[start..<start + tarBlockSize])
        start += tarBlockSize
        offset += Int64(tarBlockSize)
        return .block(block)
    }

    /// Copies up to `min(destination.count, limit)` bytes; 0 only at the end of the stream.
    ///
    /// When nothing is buffered and the caller asks for at least a buffer's worth, the base stream writes
    /// straight into the caller's memory, so large files are copied once, not twice.
    mutating func read(into destination: UnsafeMutableRawBufferPointer, limit: Int64) throws -> Int {
        let wanted = Int(min(Int64(destination.count), limit))
        guard wanted > 0 else { return 0 }
        if start == end {
            if baseEnded { return 0 }
            if wanted >= tarInputCapacity {
                let count = try base.read(into: UnsafeMutableRawBufferPointer(rebasing: destination[0..<wanted]))
                if count == 0 { baseEnded = true }
                offset += Int64(count)
                return count
            }
            try fill(atLeast: 1)
            if start == end { return 0 }
        }
        let count = min(wanted, end - start)
        destination.baseAddress!.copyMemory(from: buffer.bytes.baseAddress! + start, byteCount: count)
        start += count
        offset += Int64(count)
        return count
    }

    /// Discards `count` bytes, returning how many were there (fewer only at the end of the stream).
    mutating func skip(_ count: Int64) throws -> Int64 {
        var remaining = count
        let buffered = Int64(end - start)
        if remaining <= buffered {
            start += Int(remaining)
            offset += remaining
            return count
        }
        remaining -= buffered
        offset += buffered
        start = 0
        end = 0
        // The base skips the rest itself: a file seeks past an archive member instead of reading it.
        let skipped = try base.skip(remaining, using: buffer.bytes)
        if skipped < remaining { baseEnded = true }
        offset += skipped
        remaining -= skipped
        return count - remaining
    }

    /// Consumes the rest of the stream, returning whether any of it was a non-zero byte.
    mutating func drainReportingNonZero() throws -> Bool {
        var sawNonZero = false
        while true {
            if start == end {
                try fill(atLeast: 1)
                if start == end { return sawNonZero }
            }
            if !sawNonZero {
                sawNonZero = UnsafeRawBufferPointer(rebasing: buffer.bytes[start..<end]).contains { $0 != 0 }
            }
            offset += Int64(end - start)
            start = end
        }
    }

    /// Reads from the base stream until `count` bytes are buffered contiguously or the stream ends.
    private mutating func fill(atLeast count: Int) throws {
        if start > 0 {
            let buffered = end - start
            if buffered > 0 {
                buffer.bytes.baseAddress!.copyMemory(from: buffer.bytes.baseAddress! + start, byteCount: buffered)
            }
            start = 0
            end = buffered
        }
        while end < count, !baseEnded {
            let read = try base.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[end...]))
            if read == 0 { baseEnded = true } else { end += read }
        }
    }
}

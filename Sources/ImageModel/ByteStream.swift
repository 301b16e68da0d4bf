/// A pull-based source of bytes: the consumer asks for the next chunk when it is ready for it.
///
/// Pulling, rather than having bytes pushed by callbacks, gives every stage back-pressure for free:
/// a slow decompressor slows the socket read instead of buffering the whole blob in memory.
public protocol ByteStream {
    /// Reads up to `buffer.count` bytes into `buffer`.
    /// - Returns: the number of bytes read; 0 only at the end of the stream.
    /// - Throws: when the underlying source fails, times out or the stream is found to be corrupt.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// Discards up to `count` bytes, using `scratch` if the bytes must be read to be passed over.
    ///
    /// Streams that can seek (files) override this so that skipping a member of an archive costs nothing;
    /// streams that must see every byte (digests) keep the default, which reads through `scratch`.
    /// - Returns: how many bytes were discarded; fewer than `count` only at the end of the stream.
    mutating func skip(_ count: Int64, using scratch: UnsafeMutableRawBufferPointer) throws -> Int64
}

extension ByteStream {
    public mutating func skip(_ count: Int64, using scratch: UnsafeMutableRawBufferPointer) throws -> Int64 {
        var skipped: Int64 = 0
        while skipped < count {
            let wanted = Int(min(Int64(scratch.count), count - skipped))
            let read = try read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<wanted]))
            if read == 0 { break }
            skipped += Int64(read)
        }
        return skipped
    }

    /// Reads the whole stream into memory, refusing to go past `limit` bytes.
    ///
    /// Manifests, configs and indexes are read this way; the limit keeps a hostile source from
    /// making Safeguard allocate without bound.
    /// - Throws: `ByteStreamError.tooLarge` when the stream holds more than `limit` bytes.
    public mutating func readAll(limit: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return result }
            guard result.count + count <= limit else { throw ByteStreamError.tooLarge(limit: limit) }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Reads and discards the rest of the stream, returning how many bytes it held.
    public mutating func drain() throws -> Int64 {
        var total: Int64 = 0
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return total }
            total += Int64(count)
        }
    }
}

/// Errors common to every byte stream.
public enum ByteStreamError: Error, Equatable, CustomStringConvertible {
    /// The stream held more bytes than the reader allows.
    case tooLarge(limit: Int)
    /// The stream ended before the length its producer announced.
    case truncated(expected: Int64, received: Int64)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "more than \(limit) bytes"
        case .truncated(let expected, let received): "truncated: expected \(expected) bytes, got \(received)"
        }
    }
}

/// A byte stream over bytes already in memory.
public struct MemoryByteStream: ByteStream {
    private let bytes: [UInt8]
    private var offset = 0

    /// Creates a stream that yields `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// A type-erased byte stream, for pipelines whose stages are chosen at run time (the compression of a layer).
public struct AnyByteStream: ByteStream {
    private var base: any ByteStream

    /// Wraps `base`.
    public init(_ base: any ByteStream) { self.base = base }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try base.read(into: buffer)
    }

    // Forwarded so that an erased file stream still seeks instead of reading.
    public mutating func skip(_ count: Int64, using scratch: UnsafeMutableRawBufferPointer) throws -> Int64 {
        try base.skip(count, using: scratch)
    }
}

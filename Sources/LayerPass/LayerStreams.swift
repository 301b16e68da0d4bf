import ImageModel

/// Passes bytes through, telling a progress callback how many went by.
struct ProgressStream<Base: ByteStream>: ByteStream {
    var base: Base
    let report: (@Sendable (Int64) -> Void)?

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try base.read(into: buffer)
        if count > 0 { report?(Int64(count)) }
        return count
    }
}

/// Passes at most `limit` bytes through and throws once the base has more.
struct LimitedStream<Base: ByteStream>: ByteStream {
    var base: Base
    let limit: Int64
    let exceeded: LayerLimitExceeded
    private var count: Int64 = 0

    init(_ base: Base, limit: Int64, exceeded: LayerLimitExceeded) {
        self.base = base
        self.limit = limit
        self.exceeded = exceeded
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let read = try base.read(into: buffer)
        count += Int64(read)
        if count > limit { throw exceeded }
        return read
    }
}

/// Reads the first bytes of a stream to tell its compression, then replays them ahead of the rest.
struct SniffedStream<Base: ByteStream>: ByteStream {
    private var base: Base
    private var prefix: [UInt8] = []
    private var position = 0
    /// The compression the first bytes announce.
    private(set) var compression = LayerCompression.none

    /// Reads up to four bytes: enough for the gzip and zstd magic numbers.
    init(_ base: Base) throws {
        self.base = base
        var head = [UInt8](repeating: 0, count: 4)
        var filled = 0
        while filled < head.count {
            let count = try head.withUnsafeMutableBytes {
                try self.base.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
            }
            if count == 0 { break }
            filled += count
        }
        prefix = Array(head[0..<filled])
        compression = Self.compression(of: prefix)
    }

    /// gzip starts `1f 8b`; a zstd frame `28 b5 2f fd`, a skippable zstd frame `5? 2a 4d 18`; anything else is
    /// read as an uncompressed tar, as containerd and Docker do whatever the media type says.
    static func compression(of head: [UInt8]) -> LayerCompression {
        if head.starts(with: [0x1f, 0x8b]) { return .gzip }
        if head.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) { return .zstd }
        if head.count == 4, head[0] & 0xf0 == 0x50, head[1...] == [0x2a, 0x4d, 0x18] { return .zstd }
        return .none
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard position < prefix.count else { return try base.read(into: buffer) }
        let count = min(buffer.count, prefix.count - position)
        prefix[position..<position + count].withUnsafeBytes {
            buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count)
        }
        position += count
        return count
    }
}

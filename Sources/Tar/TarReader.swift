import ImageModel

/// The largest PAX extended header (`x` or `g`) the reader accepts: 1 MiB.
///
/// Why: the header's size field is chosen by the archive's author and the header is held in memory to be
/// parsed. Go's archive/tar uses the same bound (`maxSpecialFileSize`); real headers are a few hundred bytes.
let tarMaximumPAXHeaderSize: Int64 = 1 << 20

/// The largest GNU long name or long link (`L`, `K`) the reader accepts: 64 KiB.
///
/// Why: like a PAX header it is held in memory; Linux paths are at most 4 KiB (PATH_MAX), so 64 KiB
/// leaves room for every real tool (tar-split's 25 KB long-name case passes) and nothing more.
let tarMaximumLongNameSize: Int64 = 64 * 1024

/// Meta headers read before an entry and applied to it.
struct PendingMetadata {
    var paxRecords: [PAXRecord]?
    var longName: [UInt8]?
    var longLinkName: [UInt8]?
    var types: [UInt8] = []
    var firstHeaderOffset: Int64?
}

/// Reads the entries of an uncompressed tar stream in one forward pass, holding only one fixed buffer.
///
/// Call `next()` for each entry and, if its content is wanted, `readContents(into:)` until it returns 0;
/// content left unread is skipped by the next `next()`. Header validation follows Go's archive/tar, the
/// reader container runtimes use, so that an archive Safeguard accepts is read the same way by them.
/// When `next()` returns nil the whole base stream has been consumed (so a digesting base stream has
/// finished and checked its digest); `endOfArchive` and `trailingDataAfterEnd` then tell how it ended.
/// After any error the reader's position is undefined and it must not be used further.
public struct TarReader<Base: ByteStream> {
    var input: TarInput<Base>
    /// Content bytes of the current entry not yet read.
    var remainingData: Int64 = 0
    /// Padding after the current entry's content, up to the next block boundary.
    var padding: Int64 = 0
    /// Index of the next entry `next()` will return.
    var entryIndex = 0
    /// Where the current entry sits, for errors while reading its content.
    var currentLocation = TarLocation(entryIndex: 0, headerOffset: 0)
    /// How the archive ended, set once `next()` has returned nil.
    public private(set) var endOfArchive: TarEndOfArchive?
    /// Whether any non-zero byte followed the end-of-archive marker.
    ///
    /// Data there is invisible to extractors that stop at the marker but may be read by ones that do not
    /// (`tar --ignore-zeros`), so a scanner should flag it.
    public private(set) var trailingDataAfterEnd = false
    /// Records of the last PAX global header (`g`).
    ///
    /// They are not applied to entries: Go's archive/tar, and so Docker and containerd, ignore them.
    public private(set) var globalPAXRecords: [PAXRecord] = []

    /// Creates a reader over the uncompressed tar bytes of `base`.
    public init(_ base: Base) {
        input = TarInput(base)
    }

    /// Offset in the uncompressed stream of the next byte the reader will consume.
    public var offset: Int64 { input.offset }

    /// Reads the next entry's headers, skipping whatever is left of the current entry's content.
    /// - Returns: the entry, or nil at the end of the archive.
    /// - Throws: `TarError` when a header is invalid or the stream ends inside a header or content.
    public mutating func next() throws -> TarEntry? {
        guard endOfArchive == nil else { return nil }
        try skipRestOfEntry()
        var pending = PendingMetadata()
        while true {
            let headerOffset = input.offset
            let location = TarLocation(entryIndex: entryIndex, headerOffset: pending.firstHeaderOffset ?? headerOffset)
            let block: TarHeaderBlock
            switch try input.nextBlock() {
            case .end:
                endOfArchive = .missing
                return nil
            case .partial:
                throw TarError.truncated(location, streamOffset: input.offset, inside: "a header block")
            case .block(let bytes):
                block = TarHeaderBlock(bytes: bytes)
            }
            if block.isZero {
                try finishAfterZeroBlock()
                return nil
            }
            guard block.checksumMatches else { throw TarError.badChecksum(location) }
            pending.firstHeaderOffset = pending.firstHeaderOffset ?? headerOffset

            switch block.typeFlag {
            case UInt8(ascii: "x"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K"):
                try readMetaHeader(block, into: &pending, at: location)
            default:
                let entry = try makeEntry(block, pending: pending, at: location)
                entryIndex += 1
                return entry
            }
        }
    }

    /// Copies the next bytes of the current entry's content into `buffer`.
    /// - Returns: how many bytes were copied; 0 once the content has been read completely.
    /// - Throws: `TarError.truncated` when the stream ends inside the content.
    public mutating func readContents(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard remainingData > 0, buffer.count > 0 else { return 0 }
        let count = try input.read(into: buffer, limit: remainingData)
        guard count > 0 else {
            throw TarError.truncated(currentLocation, streamOffset: input.offset, inside: "the entry's content")
        }
        remainingData -= Int64(count)
        return count
    }

    private mutating func skipRestOfEntry() throws {
        // Why: content and padding are skipped one after the other, never as one sum. A base-256 or PAX size
        // may be Int64.max, whose one byte of padding would overflow the sum and trap.
        let skippedContent = try input.skip(remainingData)
        guard skippedContent == remainingData else {
            throw TarError.truncated(currentLocation, streamOffset: input.offset, inside: "the entry's content")
        }
        remainingData = 0
        let skippedPadding = try input.skip(padding)
        guard skippedPadding == padding else {
            throw TarError.truncated(currentLocation, streamOffset: input.offset,
                                     inside: "the padding after the entry's content")
        }
        padding = 0
    }

    /// Reads a PAX (`x`, `g`) or GNU long-name (`L`, `K`) header's content into `pending`.
    private mutating func readMetaHeader(_ block: TarHeaderBlock, into pending: inout PendingMetadata,
                                         at location: TarLocation) throws {
        let flag = block.typeFlag
        let isPAX = flag == UInt8(ascii: "x") || flag == UInt8(ascii: "g")
        guard let size = block.numeric(TarField.size) else {
            throw TarError.invalidNumericField(location, field: "size")
        }
        guard size >= 0 else { throw TarError.negativeSize(location, size: size) }
        let limit = isPAX ? tarMaximumPAXHeaderSize : tarMaximumLongNameSize
        guard size <= limit else {
            let field = isPAX ? "PAX extended header" : "GNU long name"
            throw TarError.fieldTooLong(location, field: field, size: size, limit: limit)
        }
        let content = try readMetaContent(count: Int(size), at: location)

        switch flag {
        case UInt8(ascii: "x"):
            pending.paxRecords = try parsePAX(content, at: location)
            pending.types.append(flag)
        case UInt8(ascii: "g"):
            globalPAXRecords = try parsePAX(content, at: location)
            // Go's archive/tar returns a global header as an entry of its own, which drops any meta
            // headers read before it; do the same so both readers apply the same names.
            pending = PendingMetadata()
        case UInt8(ascii: "L"):
            pending.longName = Array(content.prefix { $0 != 0 })
            pending.types.append(flag)
        default:
            pending.longLinkName = Array(content.prefix { $0 != 0 })
            pending.types.append(flag)
        }
    }

    /// Reads `count` bytes of meta-header content and the padding after it.
    private mutating func readMetaContent(count: Int, at location: TarLocation) throws -> [UInt8] {
        var filled = 0
        let content = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while filled < count {
                let whole = UnsafeMutableRawBufferPointer(buffer)
                let destination = UnsafeMutableRawBufferPointer(rebasing: whole[filled...])
                let read = try input.read(into: destination, limit: Int64(count - filled))
                if read == 0 { break }
                filled += read
            }
            initialized = filled
        }
        let padding = Int64((tarBlockSize - count % tarBlockSize) % tarBlockSize)
        guard filled == count, try input.skip(padding) == padding else {
            throw TarError.truncated(location, streamOffset: input.offset, inside: "an extended header")
        }
        return content
    }

    private func parsePAX(_ content: [UInt8], at location: TarLocation) throws -> [PAXRecord] {
        do {
            return try parsePAXRecords(content)
        } catch .malformedRecord(let offset, let reason) {
            throw TarError.malformedPAXRecord(location, recordOffset: offset, reason: reason)
        } catch .invalidValue(let key, let reason) {
            throw TarError.invalidPAXValue(location, key: key, reason: reason)
        }
    }

    /// After a first zero block: records how the archive ended and consumes the rest of the stream.
    private mutating func finishAfterZeroBlock() throws {
        switch try input.nextBlock() {
        case .end:
            endOfArchive = .oneZeroBlock
        case .partial(let bytes):
            endOfArchive = .oneZeroBlock
            trailingDataAfterEnd = bytes.contains { $0 != 0 }
        case .block(let bytes):
            let isZero = TarHeaderBlock(bytes: bytes).isZero
            endOfArchive = isZero ? .twoZeroBlocks : .oneZeroBlock
            trailingDataAfterEnd = !isZero
        }
        if try input.drainReportingNonZero() { trailingDataAfterEnd = true }
    }
}

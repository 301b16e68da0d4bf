/// A zip archive (jar, war, ear, an advisory export) held in memory, read-only: its central directory, and
/// members on request.
///
/// Every offset and length comes from the file, so every one is checked against the bytes before it is used; a
/// member's data is only read (and inflated) when asked for, up to a limit the caller names.
public struct ZipArchive: Sendable {
    /// One central directory entry.
    public struct Entry: Sendable, Equatable {
        /// The member's path inside the archive, e.g. `META-INF/MANIFEST.MF`.
        public var name: String
        /// 0 stored, 8 deflate; anything else is not read.
        public var method: UInt16
        /// The CRC-32 of the uncompressed bytes.
        public var crc32: UInt32
        /// Bytes of member data in the archive.
        public var compressedSize: Int
        /// Bytes once inflated, as declared.
        public var uncompressedSize: Int
        /// Where the member's local header starts, from the start of the archive.
        public var localHeaderOffset: Int

        /// Whether the entry is a directory rather than a file.
        public var isDirectory: Bool { name.hasSuffix("/") }
    }

    /// The end of central directory record: 22 bytes, then a comment of up to 65,535.
    static let endRecordSize = 22
    /// How far from the end the end record can start: the record plus the longest comment. Searching further
    /// would only cost time on a file that is not a zip.
    static let endRecordSearchLimit = endRecordSize + 0xffff
    /// Fixed part of a central directory entry, before its name, extra field and comment.
    static let centralEntrySize = 46
    static let endRecordSignature: UInt32 = 0x0605_4b50
    static let zip64LocatorSignature: UInt32 = 0x0706_4b50
    static let centralEntrySignature: UInt32 = 0x0201_4b50

    /// The archive's bytes.
    public let bytes: [UInt8]
    /// Where the archive starts in `bytes`: non-zero when something was prepended, as Spring Boot's "fully
    /// executable" jars prepend a launch script.
    public let base: Int
    /// The central directory, in the order the archive lists it.
    public let entries: [Entry]

    /// Reads the central directory of the zip archive in `bytes`.
    /// - Throws: `ZipArchiveError` saying which record was missing or out of bounds.
    public init(bytes: [UInt8]) throws(ZipArchiveError) {
        self.bytes = bytes
        var end = try Self.endRecordOffset(in: bytes)
        var count = Int(Self.uint16(bytes, end + 10))
        var size = Int(Self.uint32(bytes, end + 12))
        var offset = Int(Self.uint32(bytes, end + 16))
        // A ZIP64 locator just before the end record points at the ZIP64 end record, whose 64-bit fields replace
        // the 32-bit ones (archives of more than 65,535 members or 4 GiB, as osv.dev's largest exports are).
        if end >= Self.zip64LocatorSize, Self.uint32(bytes, end - Self.zip64LocatorSize) == Self.zip64LocatorSignature {
            (end, count, size, offset) = try Self.zip64EndRecord(bytes, locator: end - Self.zip64LocatorSize)
        }
        // Why: the directory must end where the end record starts; anything else is a lie about where it is.
        // The difference between where it is and where it says it is, is what was prepended to the archive.
        guard size <= end, offset <= end - size else {
            throw .centralDirectoryOutOfBounds(offset: offset, size: size, end: end)
        }
        base = end - size - offset
        entries = try Self.centralDirectory(bytes, from: base + offset, size: size, count: count, base: base)
    }

    static let zip64LocatorSize = 20
    static let zip64EndRecordSize = 56
    static let zip64EndRecordSignature: UInt32 = 0x0606_4b50
    /// The extra field holding an entry's 64-bit sizes and offset.
    static let zip64ExtraID: UInt16 = 0x0001

    /// Where the ZIP64 end record is (it must end where the locator starts: extensible data is not read) and the
    /// entry count, directory size and offset it states, each refused past what `Int` and the file can hold.
    private static func zip64EndRecord(_ bytes: [UInt8], locator: Int) throws(ZipArchiveError)
        -> (end: Int, count: Int, size: Int, offset: Int)
    {
        let record = locator - zip64EndRecordSize
        guard record >= 0, uint32(bytes, record) == zip64EndRecordSignature else {
            throw .zip64RecordInvalid("no ZIP64 end record just before its locator")
        }
        let count = uint64(bytes, record + 32)
        let size = uint64(bytes, record + 40)
        let offset = uint64(bytes, record + 48)
        let limit = UInt64(bytes.count)
        guard count <= limit, size <= limit, offset <= limit else {
            throw .zip64RecordInvalid("ZIP64 end record states \(count) entries, \(size) bytes at \(offset)")
        }
        return (record, Int(count), Int(size), Int(offset))
    }

    /// An entry's sizes and local header offset, the 32-bit ones replaced from its ZIP64 extra field where they
    /// are all ones, in the order the format fixes: uncompressed, compressed, offset.
    private static func sizes(_ bytes: [UInt8], entry offset: Int, extra: Range<Int>) throws(ZipArchiveError)
        -> (compressed: Int, uncompressed: Int, localHeader: Int)
    {
        var values = [uint32(bytes, offset + 24), uint32(bytes, offset + 20), uint32(bytes, offset + 42)]
            .map { UInt64($0) }
        guard values.contains(0xffff_ffff) else { return (Int(values[1]), Int(values[0]), Int(values[2])) }
        var field = extra.lowerBound
        while extra.upperBound - field >= 4 {
            let id = uint16(bytes, field)
            let length = Int(uint16(bytes, field + 2))
            guard extra.upperBound - field - 4 >= length else { break }
            if id == zip64ExtraID {
                var position = field + 4
                for index in values.indices where values[index] == 0xffff_ffff {
                    guard field + 4 + length - position >= 8 else {
                        throw .zip64RecordInvalid("an entry's ZIP64 extra field is too short")
                    }
                    values[index] = uint64(bytes, position)
                    position += 8
                }
                break
            }
            field += 4 + length
        }
        guard values.allSatisfy({ $0 <= UInt64(bytes.count) }) else {
            throw .zip64RecordInvalid("an entry states sizes or an offset past the end of the archive")
        }
        return (Int(values[1]), Int(values[0]), Int(values[2]))
    }

    /// The offset of the end of central directory record, searched backwards from the end.
    private static func endRecordOffset(in bytes: [UInt8]) throws(ZipArchiveError) -> Int {
        guard bytes.count >= endRecordSize else { throw .notAZipArchive(size: bytes.count) }
        let last = bytes.count - endRecordSize
        let first = max(0, bytes.count - endRecordSearchLimit)
        for offset in stride(from: last, through: first, by: -1) where uint32(bytes, offset) == endRecordSignature {
            // The comment length must reach exactly to the end; a signature inside a comment does not.
            if offset + endRecordSize + Int(uint16(bytes, offset + 20)) == bytes.count { return offset }
        }
        throw .notAZipArchive(size: bytes.count)
    }

    /// The `count` entries of the central directory at `start`, each checked to lie within its `size` bytes.
    private static func centralDirectory(_ bytes: [UInt8], from start: Int, size: Int, count: Int, base: Int)
        throws(ZipArchiveError) -> [Entry]
    {
        // Never more entries are reserved for than the directory's bytes can hold, whatever the count says.
        var entries: [Entry] = []
        entries.reserveCapacity(min(count, size / centralEntrySize))
        let end = start + size
        var offset = start
        for index in 0..<count {
            guard end - offset >= centralEntrySize, uint32(bytes, offset) == centralEntrySignature else {
                throw .centralDirectoryTruncated(index: index, count: count)
            }
            let nameLength = Int(uint16(bytes, offset + 28))
            let variable = nameLength + Int(uint16(bytes, offset + 30)) + Int(uint16(bytes, offset + 32))
            guard end - offset - centralEntrySize >= variable else {
                throw .centralDirectoryTruncated(index: index, count: count)
            }
            let nameStart = offset + centralEntrySize
            let extraStart = nameStart + nameLength
            let sizes = try sizes(bytes, entry: offset,
                                  extra: extraStart..<extraStart + Int(uint16(bytes, offset + 30)))
            entries.append(Entry(
                name: String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self),
                method: uint16(bytes, offset + 10), crc32: uint32(bytes, offset + 16),
                compressedSize: sizes.compressed, uncompressedSize: sizes.uncompressed,
                localHeaderOffset: base + sizes.localHeader))
            offset = nameStart + variable
        }
        return entries
    }

    /// The little-endian 16-bit value at `offset`; the caller has checked the bounds.
    static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    /// The little-endian 32-bit value at `offset`; the caller has checked the bounds.
    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(uint16(bytes, offset)) | UInt32(uint16(bytes, offset + 2)) << 16
    }

    /// The little-endian 64-bit value at `offset`; the caller has checked the bounds.
    static func uint64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        UInt64(uint32(bytes, offset)) | UInt64(uint32(bytes, offset + 4)) << 32
    }
}

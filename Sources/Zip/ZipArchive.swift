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
        let end = try Self.endRecordOffset(in: bytes)
        // Why: a ZIP64 locator sits just before the end record; its 64-bit fields would override the 32-bit ones
        // read here, so an archive that has one is refused rather than half-read.
        if end >= 20, Self.uint32(bytes, end - 20) == Self.zip64LocatorSignature { throw .zip64Unsupported }
        let count = Int(Self.uint16(bytes, end + 10))
        let size = Int(Self.uint32(bytes, end + 12))
        let offset = Int(Self.uint32(bytes, end + 16))
        if count == 0xffff || size == 0xffff_ffff || offset == 0xffff_ffff { throw .zip64Unsupported }
        // Why: the directory must end where the end record starts; anything else is a lie about where it is.
        // The difference between where it is and where it says it is, is what was prepended to the archive.
        guard size <= end, offset <= end - size else {
            throw .centralDirectoryOutOfBounds(offset: offset, size: size, end: end)
        }
        base = end - size - offset
        entries = try Self.centralDirectory(bytes, from: base + offset, size: size, count: count, base: base)
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
        // The count is a 16-bit field, so at most 65,534 entries are ever reserved for.
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
            entries.append(Entry(
                name: String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self),
                method: uint16(bytes, offset + 10), crc32: uint32(bytes, offset + 16),
                compressedSize: Int(uint32(bytes, offset + 20)), uncompressedSize: Int(uint32(bytes, offset + 24)),
                localHeaderOffset: base + Int(uint32(bytes, offset + 42))))
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
}

/// One file-system entry of a tar stream, with every extended header (PAX, GNU long name) already applied.
///
/// Names are kept twice: byte-exact for comparisons and forensics, and as an escaped `String` for display.
public struct TarEntry: Sendable, Equatable {
    /// The path exactly as stored (after PAX `path`, GNU long name or ustar prefix were applied).
    public internal(set) var nameBytes: [UInt8] = []
    /// The name the header block itself holds (ustar prefix joined), before a PAX `path` or GNU long name
    /// replaced it: what a tool that ignores extended headers would use.
    public internal(set) var headerNameBytes: [UInt8] = []
    /// The ustar prefix field joined in front of the header's name, empty when none was.
    public internal(set) var prefixBytes: [UInt8] = []
    /// The format the header block's magic announces, before any PAX header made the entry `.pax`.
    public internal(set) var headerFormat = TarFormat.v7
    /// The header's version field (bytes 263–264): `00` in POSIX ustar, ` \0` in GNU tar's format.
    public internal(set) var headerVersion: [UInt8] = []
    /// `nameBytes` decoded as UTF-8, with invalid bytes, control characters and `\` escaped (see `escapedText`).
    public internal(set) var name = ""
    /// The link target exactly as stored, empty when the entry is no link.
    public internal(set) var linkNameBytes: [UInt8] = []
    /// `linkNameBytes` escaped like `name`.
    public internal(set) var linkName = ""
    /// What kind of file the entry is.
    public internal(set) var type = TarEntryType.regular
    /// The raw type flag byte of the header, e.g. `0`, `5`, `S`, `D`.
    public internal(set) var typeFlag: UInt8 = 0
    /// Permission and mode bits as stored (only the low 32 bits are kept).
    public internal(set) var mode: UInt32 = 0
    /// Owner user id.
    public internal(set) var uid: Int64 = 0
    /// Owner group id.
    public internal(set) var gid: Int64 = 0
    /// How many content bytes `TarReader.readContents` yields: the data stored in the archive for this entry.
    ///
    /// Zero for links, devices, directories and FIFOs whatever their header says (as Go's archive/tar
    /// reads them); for sparse files only the stored fragments, without a PAX 1.0 sparse map.
    public internal(set) var size: Int64 = 0
    /// The size the header (or PAX `size`) declares, before the rules above.
    public internal(set) var declaredSize: Int64 = 0
    /// The logical file size: equal to `declaredSize` except for sparse files, where holes count.
    public internal(set) var realSize: Int64 = 0
    /// The data fragments of a sparse file within its logical size, or nil when the entry is not sparse.
    public internal(set) var sparseMap: [TarSparseFragment]?
    /// Modification time.
    public internal(set) var modificationTime = TarTimestamp(seconds: 0, nanoseconds: 0)
    /// Owner user name, escaped like `name`.
    public internal(set) var userName = ""
    /// Owner group name, escaped like `name`.
    public internal(set) var groupName = ""
    /// Major device number of a character or block device.
    public internal(set) var deviceMajor: Int64 = 0
    /// Minor device number of a character or block device.
    public internal(set) var deviceMinor: Int64 = 0
    /// Extended attributes from `SCHILY.xattr.*` PAX records, keyed by attribute name.
    public internal(set) var xattrs: [String: [UInt8]] = [:]
    /// The records of the PAX extended header that applies to this entry, in stream order, duplicates kept.
    public internal(set) var paxRecords: [PAXRecord] = []
    /// Type flags of the meta headers (`x`, `L`, `K`) consumed before this entry, in order.
    ///
    /// More than one of a kind means an earlier one was overridden (the last one wins), which
    /// extractors have disagreed on; kept for forensic checks.
    public internal(set) var metaHeaderTypes: [UInt8] = []
    /// Byte offset in the uncompressed stream of the entry's first header block (its first meta header, if any).
    public internal(set) var headerOffset: Int64 = 0
    /// Byte offset in the uncompressed stream of the first content byte `readContents` yields.
    public internal(set) var dataOffset: Int64 = 0
    /// The header format the entry was written in.
    public internal(set) var format = TarFormat.v7
}

/// The kind of file a tar entry describes.
public enum TarEntryType: Sendable, Equatable, Hashable {
    /// A regular file (`0`, NUL, and GNU sparse `S`).
    case regular
    /// A hard link to `linkName` (`1`).
    case hardLink
    /// A symbolic link to `linkName` (`2`).
    case symbolicLink
    /// A character device (`3`).
    case characterDevice
    /// A block device (`4`).
    case blockDevice
    /// A directory (`5`, GNU dumpdir `D`, or a NUL type flag with a name ending in `/`).
    case directory
    /// A named pipe (`6`).
    case fifo
    /// A contiguous file (`7`), extracted as a regular file by every common tool.
    case contiguous
    /// A type flag this reader does not know; its content is still readable.
    case other(UInt8)
}

/// The header format of a tar entry.
public enum TarFormat: String, Sendable, Equatable {
    /// Unix V7: no magic.
    case v7
    /// POSIX.1-1988 ustar.
    case ustar
    /// GNU tar's format (`ustar  \0` magic).
    case gnu
    /// POSIX.1-2001 pax: ustar headers with an extended header before the entry.
    case pax
    /// Jörg Schilling's star: ustar magic with a `tar\0` trailer.
    case star
}

/// A time stamp with the sub-second precision PAX records can carry.
public struct TarTimestamp: Sendable, Equatable, Hashable {
    /// Seconds since the Unix epoch.
    public var seconds: Int64
    /// Nanoseconds within the second, 0 to 999,999,999.
    public var nanoseconds: Int32

    /// Creates a time stamp.
    public init(seconds: Int64, nanoseconds: Int32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }
}

/// One data fragment of a sparse file: `length` bytes of data at logical `offset`, holes elsewhere.
public struct TarSparseFragment: Sendable, Equatable, Hashable {
    /// Logical offset of the fragment in the file.
    public var offset: Int64
    /// Length of the fragment.
    public var length: Int64

    /// Creates a fragment.
    public init(offset: Int64, length: Int64) {
        self.offset = offset
        self.length = length
    }
}

/// One `key=value` record of a PAX extended header.
public struct PAXRecord: Sendable, Equatable, Hashable {
    /// The key, escaped like a tar entry name.
    public var key: String
    /// The value, byte-exact.
    public var value: [UInt8]

    /// Creates a record.
    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }
}

/// How a tar stream ended.
public enum TarEndOfArchive: String, Sendable, Equatable {
    /// The two zero blocks the format asks for.
    case twoZeroBlocks
    /// A single zero block, then the end of the stream or other data.
    case oneZeroBlock
    /// The stream ended at a block boundary with no zero block at all.
    case missing
}

extension TarEntry {
    /// `headerNameBytes` escaped like `name`.
    public var headerName: String { escapedText(headerNameBytes) }

    /// The header's name field alone, without the ustar prefix, escaped like `name`.
    public var headerNameField: String {
        escapedText(prefixBytes.isEmpty ? headerNameBytes[...] : headerNameBytes.dropFirst(prefixBytes.count + 1))
    }
}

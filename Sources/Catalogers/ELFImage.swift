/// The parts of an ELF file (32- or 64-bit, either byte order) a cataloger needs: its sections and loadable
/// segments, as ranges of the file's bytes.
///
/// Why every read is checked: the file comes from an image, so its header offsets, counts and sizes are
/// attacker-chosen. Nothing is allocated from a size the file states; a table is only walked once its whole extent
/// is known to lie inside the bytes, and a range is only returned once it does too.
struct ELFImage {
    /// Why a file that starts like ELF could not be read as one.
    enum ParseError: Error, CustomStringConvertible, Equatable {
        case truncatedHeader(size: Int)
        case unknownClass(UInt8)
        case unknownByteOrder(UInt8)
        case tableOutOfRange(table: String, offset: UInt64, count: Int, entrySize: Int, fileSize: Int)

        var description: String {
            switch self {
            case .truncatedHeader(let size): "ELF header truncated: the file is \(size) bytes"
            case .unknownClass(let value): "ELF class \(value) is neither 32- nor 64-bit"
            case .unknownByteOrder(let value): "ELF data encoding \(value) is neither little nor big endian"
            case .tableOutOfRange(let table, let offset, let count, let entrySize, let fileSize):
                "ELF \(table) table (\(count) entries of \(entrySize) bytes at offset \(offset)) runs past the "
                    + "end of the \(fileSize)-byte file"
            }
        }
    }

    /// A section header's fields this reader uses.
    struct Section {
        var nameOffset: UInt32
        var type: UInt32
        var offset: UInt64
        var size: UInt64
    }

    /// A program header's fields this reader uses.
    struct Segment {
        var type: UInt32
        var flags: UInt32
        var offset: UInt64
        var virtualAddress: UInt64
        var fileSize: UInt64
    }

    static let magic: [UInt8] = [0x7f, 0x45, 0x4c, 0x46]
    /// `SHT_NOBITS`: a section that occupies no bytes in the file (`.bss`).
    static let noBitsType: UInt32 = 8
    /// `PT_LOAD`.
    static let loadType: UInt32 = 1
    /// `PF_X`, `PF_W`, `PF_R`.
    static let executeFlag: UInt32 = 1, writeFlag: UInt32 = 2, readFlag: UInt32 = 4

    let bytes: [UInt8]
    let is64Bit: Bool
    let isBigEndian: Bool
    let sectionTableOffset: UInt64
    let sectionCount: Int
    let sectionEntrySize: Int
    let sectionNamesIndex: Int
    let segmentTableOffset: UInt64
    let segmentCount: Int
    let segmentEntrySize: Int

    /// Whether `bytes` start with an ELF identification: the magic, then a known class and data encoding.
    ///
    /// Why not the magic alone: text that happens to start with `\x7fELF` (stand-ins, fragments) is no executable
    /// the loader would run, so it is not a Go binary; warning about each would bury the warnings that matter.
    static func hasIdentification(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 6 && bytes[0..<4].elementsEqual(magic) && (1...2).contains(bytes[4])
            && (1...2).contains(bytes[5])
    }

    /// Reads the file header of `bytes`, which must start with the ELF magic, and checks that both header tables
    /// lie inside the file.
    init(_ bytes: [UInt8]) throws(ParseError) {
        guard bytes.count >= 16 else { throw .truncatedHeader(size: bytes.count) }
        switch bytes[4] {
        case 1: is64Bit = false
        case 2: is64Bit = true
        default: throw .unknownClass(bytes[4])
        }
        switch bytes[5] {
        case 1: isBigEndian = false
        case 2: isBigEndian = true
        default: throw .unknownByteOrder(bytes[5])
        }
        self.bytes = bytes
        guard bytes.count >= (is64Bit ? 64 : 52) else { throw .truncatedHeader(size: bytes.count) }

        let reader = FieldReader(bytes: bytes, isBigEndian: isBigEndian)
        let word = is64Bit ? 8 : 4
        let tables = is64Bit ? 0x20 : 0x1c
        segmentTableOffset = reader.unsigned(at: tables, width: word)
        sectionTableOffset = reader.unsigned(at: tables + word, width: word)
        let counts = tables + 2 * word + 6
        segmentEntrySize = Int(reader.unsigned(at: counts, width: 2))
        segmentCount = Int(reader.unsigned(at: counts + 2, width: 2))
        sectionEntrySize = Int(reader.unsigned(at: counts + 4, width: 2))
        // A count of 0 with a non-zero offset is extended numbering (the count lives in section 0); such files are
        // read as having no sections, which sends the search to the segments.
        sectionCount = Int(reader.unsigned(at: counts + 6, width: 2))
        sectionNamesIndex = Int(reader.unsigned(at: counts + 8, width: 2))

        try Self.checkTable("section", offset: sectionTableOffset, count: sectionCount,
                            entrySize: sectionEntrySize, minimum: is64Bit ? 0x28 : 0x18, fileSize: bytes.count)
        try Self.checkTable("program header", offset: segmentTableOffset, count: segmentCount,
                            entrySize: segmentEntrySize, minimum: is64Bit ? 0x30 : 0x20, fileSize: bytes.count)
    }

    /// Why: the counts are 16-bit, so the product cannot overflow, but the offset is the file's to choose; an
    /// entry smaller than the fields read from it would make every later read run past its entry.
    private static func checkTable(_ table: String, offset: UInt64, count: Int, entrySize: Int, minimum: Int,
                                   fileSize: Int) throws(ParseError) {
        guard count > 0 else { return }
        let extent = UInt64(count * entrySize)
        guard entrySize >= minimum, offset <= UInt64(fileSize), extent <= UInt64(fileSize) - offset else {
            throw .tableOutOfRange(table: table, offset: offset, count: count, entrySize: entrySize,
                                   fileSize: fileSize)
        }
    }

    /// The section at `index`; `index` must be below `sectionCount`.
    func section(at index: Int) -> Section {
        let reader = FieldReader(bytes: bytes, isBigEndian: isBigEndian)
        let base = Int(sectionTableOffset) + index * sectionEntrySize
        let word = is64Bit ? 8 : 4
        return Section(nameOffset: UInt32(reader.unsigned(at: base, width: 4)),
                       type: UInt32(reader.unsigned(at: base + 4, width: 4)),
                       offset: reader.unsigned(at: base + 8 + 2 * word, width: word),
                       size: reader.unsigned(at: base + 8 + 3 * word, width: word))
    }

    /// The segment at `index`; `index` must be below `segmentCount`.
    func segment(at index: Int) -> Segment {
        let reader = FieldReader(bytes: bytes, isBigEndian: isBigEndian)
        let base = Int(segmentTableOffset) + index * segmentEntrySize
        if is64Bit {
            return Segment(type: UInt32(reader.unsigned(at: base, width: 4)),
                           flags: UInt32(reader.unsigned(at: base + 4, width: 4)),
                           offset: reader.unsigned(at: base + 8, width: 8),
                           virtualAddress: reader.unsigned(at: base + 0x10, width: 8),
                           fileSize: reader.unsigned(at: base + 0x20, width: 8))
        }
        return Segment(type: UInt32(reader.unsigned(at: base, width: 4)),
                       flags: UInt32(reader.unsigned(at: base + 0x18, width: 4)),
                       offset: reader.unsigned(at: base + 4, width: 4),
                       virtualAddress: reader.unsigned(at: base + 8, width: 4),
                       fileSize: reader.unsigned(at: base + 0x10, width: 4))
    }

    /// The bytes `offset..<offset+size` of the file, or nil when any of them lies past its end.
    func range(offset: UInt64, size: UInt64) -> Range<Int>? {
        guard offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset else { return nil }
        return Int(offset)..<Int(offset + size)
    }

    /// The file range of the first section called `name` that has bytes in the file, or nil when there is none;
    /// a failure when that section's bytes run past the end of the file, which is then cut off or forged.
    func sectionRange(named name: String) -> Result<Range<Int>, SectionError>? {
        guard sectionCount > 0, sectionNamesIndex < sectionCount else { return nil }
        let names = section(at: sectionNamesIndex)
        guard let namesRange = range(offset: names.offset, size: names.size) else { return nil }
        let wanted = Array(name.utf8)
        for index in 0..<sectionCount {
            let candidate = section(at: index)
            guard candidate.type != Self.noBitsType,
                  Self.name(at: Int(candidate.nameOffset), in: bytes[namesRange])?.elementsEqual(wanted) == true
            else { continue }
            guard let found = range(offset: candidate.offset, size: candidate.size) else {
                return .failure(SectionError(name: name, offset: candidate.offset, size: candidate.size,
                                             fileSize: bytes.count))
            }
            return .success(found)
        }
        return nil
    }

    /// A named section whose bytes run past the end of the file.
    struct SectionError: Error, CustomStringConvertible, Equatable {
        var name: String
        var offset: UInt64
        var size: UInt64
        var fileSize: Int

        var description: String {
            "ELF section \(name) (\(size) bytes at offset \(offset)) runs past the end of the \(fileSize)-byte file"
        }
    }

    /// The NUL-terminated name at `offset` in a string table, without its terminator; nil when out of range.
    private static func name(at offset: Int, in table: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard offset >= 0, offset < table.count else { return nil }
        let start = table.startIndex + offset
        let end = table[start...].firstIndex(of: 0) ?? table.endIndex
        return table[start..<end]
    }

    /// The file ranges of the loadable segments that are readable and writable but not executable: where Go's
    /// linker puts the build information when it writes no section headers.
    var dataSegments: [(range: Range<Int>, virtualAddress: UInt64)] {
        (0..<segmentCount).compactMap { index in
            let segment = segment(at: index)
            let permissions = segment.flags & (Self.readFlag | Self.writeFlag | Self.executeFlag)
            guard segment.type == Self.loadType, permissions == Self.readFlag | Self.writeFlag else { return nil }
            // A segment cut off by the end of the file is searched as far as it goes.
            let available = min(segment.fileSize, UInt64(bytes.count) - min(segment.offset, UInt64(bytes.count)))
            guard let found = range(offset: segment.offset, size: available) else { return nil }
            return (found, segment.virtualAddress)
        }
    }
}

/// Reads fixed-width unsigned fields from bytes whose bounds the caller has checked.
struct FieldReader {
    let bytes: [UInt8]
    let isBigEndian: Bool

    /// The `width`-byte unsigned integer at `offset`.
    func unsigned(at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<width {
            let byte = UInt64(bytes[offset + (isBigEndian ? index : width - 1 - index)])
            value = value << 8 | byte
        }
        return value
    }
}

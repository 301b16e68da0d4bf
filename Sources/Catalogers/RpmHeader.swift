/// One package's header as the rpm database stores it: the "header blob" without the lead or magic.
///
/// The blob is the index length and the data length (big-endian 32-bit), that many 16-byte index entries
/// (tag, type, offset, count, big-endian), then the data store the offsets point into. Every offset and count comes
/// from the image and may be crafted, so each lookup checks that its value lies wholly inside the data store.
struct RpmHeader {
    /// One index entry: where a tag's value lies in the data store.
    struct Entry {
        var type: UInt32
        var offset: Int
        var count: Int
    }

    /// rpm itself refuses headers with more than 0xffff index entries (`HEADER_TAGS_MAX`); an installed package
    /// has a few hundred.
    static let maxIndexCount = 0xffff
    /// The data store of the largest real packages (kernel modules, TeX Live) is a few MB; rpm allows 256 MiB, but
    /// 64 MiB is ample and bounds what one hostile row can make us hold.
    static let maxDataSize = 64 << 20

    /// The size of one index entry: four 32-bit fields.
    static let entrySize = 16

    /// The value types rpm's header format defines.
    enum ValueType: UInt32 {
        case int32 = 4
        case string = 6
        case stringArray = 8
        case i18nString = 9
    }

    private let entries: [Int: Entry]
    private let data: ArraySlice<UInt8>

    /// Parses the index of `blob`; values are checked when they are read.
    /// - Throws: `RpmHeaderError` when the sizes are past the bounds or the blob is shorter than they say.
    init(parsing blob: [UInt8]) throws(RpmHeaderError) {
        guard blob.count >= 8 else { throw .truncated(needed: 8, actual: blob.count) }
        let indexCount = Int(Self.uint32(blob, at: 0))
        let dataSize = Int(Self.uint32(blob, at: 4))
        guard indexCount <= Self.maxIndexCount else { throw .tooManyEntries(indexCount) }
        guard dataSize <= Self.maxDataSize else { throw .dataTooLarge(dataSize) }
        let dataStart = 8 + indexCount * Self.entrySize
        let end = dataStart + dataSize
        guard blob.count >= end else { throw .truncated(needed: end, actual: blob.count) }

        var entries: [Int: Entry] = [:]
        for index in 0..<indexCount {
            let base = 8 + index * Self.entrySize
            // Tags and offsets are signed in rpm; a negative one reads as a huge unsigned value and fails the bounds.
            let tag = Int(Self.uint32(blob, at: base))
            let entry = Entry(type: Self.uint32(blob, at: base + 4), offset: Int(Self.uint32(blob, at: base + 8)),
                              count: Int(Self.uint32(blob, at: base + 12)))
            entries[tag] = entries[tag] ?? entry
        }
        self.entries = entries
        self.data = blob[dataStart..<end]
    }

    /// The value of a `STRING` (or first of a `STRING_ARRAY`/`I18NSTRING`) tag, or nil when absent.
    func string(_ tag: RpmTag) throws(RpmHeaderError) -> String? {
        try strings(tag)?.first
    }

    /// The values of a string tag, or nil when absent.
    func strings(_ tag: RpmTag) throws(RpmHeaderError) -> [String]? {
        guard let entry = entries[tag.rawValue] else { return nil }
        switch ValueType(rawValue: entry.type) {
        case .string: return try readStrings(tag, at: entry.offset, count: 1)
        // An I18NSTRING holds one string per locale; the first is the untranslated one.
        case .stringArray, .i18nString: return try readStrings(tag, at: entry.offset, count: entry.count)
        default: throw .wrongType(tag: tag, type: entry.type)
        }
    }

    /// The values of an `INT32` tag, or nil when absent.
    func int32s(_ tag: RpmTag) throws(RpmHeaderError) -> [Int32]? {
        guard let entry = entries[tag.rawValue] else { return nil }
        guard entry.type == ValueType.int32.rawValue else { throw .wrongType(tag: tag, type: entry.type) }
        // Offset and count are each below 2^32, so the product and sum cannot overflow a 64-bit Int.
        guard entry.offset + entry.count * 4 <= data.count else {
            throw .outOfBounds(tag: tag, offset: entry.offset, count: entry.count)
        }
        let start = data.startIndex + entry.offset
        return (0..<entry.count).map { Int32(bitPattern: Self.uint32(data, at: start + $0 * 4)) }
    }

    /// `count` NUL-terminated strings starting at `offset`.
    private func readStrings(_ tag: RpmTag, at offset: Int, count: Int) throws(RpmHeaderError) -> [String] {
        // Each string takes at least its NUL, so a count past the remaining bytes is a lie; checking it first keeps
        // a crafted count from making us reserve or loop over billions of strings.
        guard offset < data.count, count <= data.count - offset else {
            throw .outOfBounds(tag: tag, offset: offset, count: count)
        }
        var strings: [String] = []
        strings.reserveCapacity(count)
        var position = data.startIndex + offset
        for _ in 0..<count {
            guard let end = data[position...].firstIndex(of: 0) else { throw .unterminatedString(tag: tag) }
            strings.append(String(decoding: data[position..<end], as: UTF8.self))
            position = end + 1
        }
        return strings
    }

    private static func uint32<Bytes: RandomAccessCollection>(_ bytes: Bytes, at index: Bytes.Index) -> UInt32
    where Bytes.Element == UInt8, Bytes.Index == Int {
        bytes[index..<(index + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}

/// The header tags the rpm cataloger reads, numbered as rpm's `rpmtag.h` numbers them.
enum RpmTag: Int, Sendable {
    case name = 1000
    case version = 1001
    case release = 1002
    case epoch = 1003
    case license = 1014
    case arch = 1022
    case fileDigests = 1035
    case fileFlags = 1037
    case sourceRPM = 1044
    case requireName = 1049
    case dirIndexes = 1116
    case baseNames = 1117
    case dirNames = 1118
    case fileDigestAlgorithm = 5011
}

/// Why a header blob could not be read.
enum RpmHeaderError: Error, Equatable, CustomStringConvertible {
    case truncated(needed: Int, actual: Int)
    case tooManyEntries(Int)
    case dataTooLarge(Int)
    case wrongType(tag: RpmTag, type: UInt32)
    case outOfBounds(tag: RpmTag, offset: Int, count: Int)
    case unterminatedString(tag: RpmTag)
    case missingTag(RpmTag)
    case inconsistentFileList(String)
    case notABlob

    var description: String {
        switch self {
        case .truncated(let needed, let actual): "header is \(actual) bytes but its sizes need \(needed)"
        case .tooManyEntries(let count): "header has \(count) index entries, more than \(RpmHeader.maxIndexCount)"
        case .dataTooLarge(let size): "header data is \(size) bytes, more than \(RpmHeader.maxDataSize)"
        case .wrongType(let tag, let type): "tag \(tag.rawValue) has type \(type), not the type rpm gives it"
        case .outOfBounds(let tag, let offset, let count):
            "tag \(tag.rawValue) at offset \(offset) with count \(count) runs past the header data"
        case .unterminatedString(let tag): "tag \(tag.rawValue) has a string with no NUL before the data ends"
        case .missingTag(let tag): "header has no tag \(tag.rawValue)"
        case .inconsistentFileList(let what): "file list: \(what)"
        case .notABlob: "the row's blob column holds no BLOB"
        }
    }
}

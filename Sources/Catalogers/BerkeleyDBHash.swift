/// Reads the records of a Berkeley DB file of the hash access method held in memory, as rpm before 4.16 kept its
/// `Packages` database: read-only, from the bytes alone, without libdb.
///
/// The file is a sequence of pages of one size. Page 0 is the metadata page (`HMETA` in Berkeley DB's `db_page.h`):
/// the magic, version, page size, last page number, the highest bucket and the `spares` table that maps a bucket
/// to its first page. Each bucket is a chain of hash pages linked by their next-page number; a hash page holds an
/// array of item offsets, key and value alternating, the items packed from the page's end. An item is either its
/// bytes (`H_KEYDATA`) or a reference to a chain of overflow pages holding them (`H_OFFPAGE`). Every number comes
/// from the image and may be crafted, so each page number, offset and length is checked against the file before it
/// is used, and no page is visited twice: a chain that loops or two chains that share a page stop the walk.
struct BerkeleyDBHash {
    /// Berkeley DB's smallest and largest page sizes (`DB_MIN_PGSIZE`, `DB_MAX_PGSIZE`); the size is a power of two.
    static let pageSizes = 512...65536
    /// The hash versions of Berkeley DB 4 and 5, the ones rpm's own read-only reader (`bdb_ro`) accepts.
    static let versions: ClosedRange<UInt32> = 8...10
    /// `DB_HASHMAGIC`, at offset 12 of the metadata page in the byte order of the machine that wrote the file.
    static let magic: UInt32 = 0x061561
    /// The size of a page's header (`SIZEOF_PAGE`): LSN, page number, previous and next page, entry count, free
    /// offset, level, type. The array of item offsets follows it.
    static let pageHeaderSize = 26
    /// `DBMETA_CHKSUM` in the metadata flags at byte 26: each page carries a checksum.
    static let checksumFlag: UInt8 = 0x01

    /// Page types (`P_…` in `db_page.h`) the walk meets.
    enum PageType: UInt8 {
        case hashUnsorted = 2
        case overflow = 7
        case hashMetadata = 8
        case hash = 13
    }

    /// Item types (`H_…`) on a hash page.
    enum ItemType: UInt8 {
        case keyData = 1
        case duplicate = 2
        case offPage = 3
        case offPageDuplicate = 4
    }

    /// One key and its value, each whole, read from overflow pages where the file put it there.
    struct Record {
        /// The key's bytes; rpm's are header numbers, 4 bytes in the file's byte order.
        var key: [UInt8]
        /// The value's bytes; rpm's are header blobs.
        var value: [UInt8]
    }

    private let bytes: [UInt8]
    /// Whether the file's numbers are big-endian; the writer's byte order, found from which way the magic reads.
    let isBigEndian: Bool
    /// The size of every page, from the metadata; checked to be one Berkeley DB allows.
    let pageSize: Int
    /// Pages 0 through the metadata's last page number, all of which lie in the file.
    let pageCount: Int
    private let maxBucket: Int
    private let spares: [Int]

    /// Reads and checks the metadata page.
    /// - Throws: `BerkeleyDBError` when the bytes are not a Berkeley DB hash file this reader can walk.
    init(_ bytes: [UInt8]) throws(BerkeleyDBError) {
        // The metadata fields end with the 32 spares at offset 96 + 128; every page size holds them.
        guard bytes.count >= Self.pageSizes.lowerBound else { throw .truncatedMetadata(bytes.count) }
        self.bytes = bytes
        let littleEndianMagic = UInt32(bytes[12]) | UInt32(bytes[13]) << 8 | UInt32(bytes[14]) << 16
            | UInt32(bytes[15]) << 24
        if littleEndianMagic == Self.magic {
            isBigEndian = false
        } else if littleEndianMagic.byteSwapped == Self.magic {
            isBigEndian = true
        } else {
            throw .badMagic(littleEndianMagic)
        }
        let uint32 = { [isBigEndian] (offset: Int) in Self.uint32(bytes, at: offset, bigEndian: isBigEndian) }

        let version = uint32(16)
        guard Self.versions.contains(version) else { throw .unsupportedVersion(version) }
        let pageSize = Int(uint32(20))
        guard Self.pageSizes.contains(pageSize), pageSize & (pageSize - 1) == 0 else {
            throw .badPageSize(pageSize)
        }
        self.pageSize = pageSize
        // Byte 24 names the encryption algorithm; an encrypted file's pages cannot be read without its key.
        guard bytes[24] == 0 else { throw .encrypted }
        // With `DBMETA_CHKSUM` every page header grows by a checksum, moving the items; rpm never sets it, and its
        // own `bdb_ro` reader refuses such files too.
        guard bytes[26] & Self.checksumFlag == 0 else { throw .checksummed }
        guard bytes[25] == PageType.hashMetadata.rawValue else { throw .wrongPageType(page: 0, type: bytes[25]) }

        // The last page number is 32 bits; checking the pages fit the file before multiplying keeps the product
        // within the file's own size.
        let lastPage = Int(uint32(32))
        guard lastPage < bytes.count / pageSize else {
            throw .truncated(size: bytes.count, pages: lastPage + 1, pageSize: pageSize)
        }
        pageCount = lastPage + 1
        // Every bucket has a page of its own, so there cannot be more buckets than pages; this also keeps the
        // bucket's bit count, which indexes the 32 spares, below 32.
        let maxBucket = Int(uint32(72))
        guard maxBucket < pageCount, maxBucket < 1 << 31 else { throw .tooManyBuckets(maxBucket + 1, pages: pageCount) }
        self.maxBucket = maxBucket
        spares = (0..<32).map { Int(uint32(96 + 4 * $0)) }
    }

    /// Calls `body` with each record, bucket by bucket, in the order the file holds them.
    ///
    /// Records already passed to `body` stay valid when a later page turns out to be corrupt.
    /// - Throws: `BerkeleyDBError` naming the page and field at the first structural fault.
    func forEachRecord(_ body: (Record) -> Void) throws(BerkeleyDBError) {
        var visited = [Bool](repeating: false, count: pageCount)
        visited[0] = true
        for bucket in 0...maxBucket {
            // `BS_TO_PAGE`: a bucket's page is its number plus the spares entry of its bit count.
            let bits = Int.bitWidth - bucket.leadingZeroBitCount
            var pageNumber = bucket + spares[bits]
            while true {
                let page = try visit(pageNumber, &visited, from: "bucket \(bucket)")
                guard page.type == PageType.hash.rawValue || page.type == PageType.hashUnsorted.rawValue else {
                    throw .wrongPageType(page: pageNumber, type: page.type)
                }
                try readItems(of: page, &visited, body)
                guard page.next != 0 else { break }
                pageNumber = page.next
            }
        }
    }

    /// The header fields of one page, with where the page starts in the file.
    private struct Page {
        var number: Int
        var start: Int
        var next: Int
        var entries: Int
        /// `hf_offset`; on an overflow page, the number of bytes the page holds.
        var freeOffset: Int
        var type: UInt8
    }

    /// Checks `number` names a page of the file that the walk has not yet visited, and reads its header.
    private func visit(_ number: Int, _ visited: inout [Bool], from referrer: @autoclosure () -> String)
        throws(BerkeleyDBError) -> Page
    {
        guard number > 0, number < pageCount else {
            throw .pageOutOfRange(number, pages: pageCount, referrer: referrer())
        }
        // A page reached twice means a chain loops back on itself or two chains share a page; stopping here bounds
        // the walk to one visit of each page, so no crafted chain makes it run on or repeat records.
        guard !visited[number] else { throw .pageReachedTwice(number, referrer: referrer()) }
        visited[number] = true
        let start = number * pageSize
        let recorded = Int(uint32(at: start + 8))
        guard recorded == number else { throw .wrongPageNumber(page: number, recorded: recorded) }
        return Page(number: number, start: start, next: Int(uint32(at: start + 16)),
                    entries: Int(uint16(at: start + 20)), freeOffset: Int(uint16(at: start + 22)),
                    type: bytes[start + 25])
    }

    /// Passes each key and value pair of a hash page to `body`.
    private func readItems(of page: Page, _ visited: inout [Bool], _ body: (Record) -> Void)
        throws(BerkeleyDBError)
    {
        let itemsStart = Self.pageHeaderSize + 2 * page.entries
        guard itemsStart <= pageSize else { throw .tooManyEntries(page: page.number, entries: page.entries) }
        guard page.entries % 2 == 0 else { throw .unpairedEntry(page: page.number, entries: page.entries) }
        // Items are packed down from the page's end: each one ends where the one before it begins.
        var end = pageSize
        var items: [Range<Int>] = []
        items.reserveCapacity(page.entries)
        for index in 0..<page.entries {
            let offset = Int(uint16(at: page.start + Self.pageHeaderSize + 2 * index))
            guard offset >= itemsStart, offset < end else {
                throw .badItemOffset(page: page.number, item: index, offset: offset)
            }
            items.append(offset..<end)
            end = offset
        }
        for pair in stride(from: 0, to: items.count, by: 2) {
            let key = try item(items[pair], index: pair, on: page, &visited)
            let value = try item(items[pair + 1], index: pair + 1, on: page, &visited)
            body(Record(key: key, value: value))
        }
    }

    /// The bytes of the item at `range` of `page`, read from overflow pages when it lies off the page.
    private func item(_ range: Range<Int>, index: Int, on page: Page, _ visited: inout [Bool])
        throws(BerkeleyDBError) -> [UInt8]
    {
        let start = page.start + range.lowerBound
        switch ItemType(rawValue: bytes[start]) {
        case .keyData:
            return Array(bytes[(start + 1)..<(page.start + range.upperBound)])
        case .offPage:
            // `HOFFPAGE`: type, three unused bytes, the first overflow page, the total length.
            guard range.count >= 12 else {
                throw .badItemOffset(page: page.number, item: index, offset: range.lowerBound)
            }
            return try overflow(from: Int(uint32(at: start + 4)), length: Int(uint32(at: start + 8)),
                                item: index, of: page.number, &visited)
        case .duplicate, .offPageDuplicate:
            // rpm's `Packages` database has one value per header number, so it never holds duplicate sets.
            throw .unsupportedItem(page: page.number, item: index, type: bytes[start])
        case nil:
            throw .unsupportedItem(page: page.number, item: index, type: bytes[start])
        }
    }

    /// The `length` bytes of an overflow chain starting at page `first`.
    private func overflow(from first: Int, length: Int, item: Int, of hashPage: Int, _ visited: inout [Bool])
        throws(BerkeleyDBError) -> [UInt8]
    {
        let capacity = pageSize - Self.pageHeaderSize
        // Each overflow page holds at most a page less its header, and each is visited once; a length past what the
        // file's pages could hold is a lie, checked before anything is reserved for it.
        guard length > 0, length <= pageCount * capacity else {
            throw .badOverflowLength(page: hashPage, item: item, length: length)
        }
        var value: [UInt8] = []
        value.reserveCapacity(length)
        var number = first
        while value.count < length {
            let page = try visit(number, &visited, from: "the overflow chain of item \(item) on page \(hashPage)")
            guard page.type == PageType.overflow.rawValue else {
                throw .wrongPageType(page: page.number, type: page.type)
            }
            // `OV_LEN`: the bytes this page holds, which must fit the page and not pass the item's length.
            let held = page.freeOffset
            let allowed = min(capacity, length - value.count)
            guard held > 0, held <= allowed else {
                throw .badOverflowPage(page: page.number, held: held, allowed: allowed)
            }
            let dataStart = page.start + Self.pageHeaderSize
            value += bytes[dataStart..<(dataStart + held)]
            if value.count < length {
                guard page.next != 0 else {
                    throw .overflowChainEnds(page: page.number, read: value.count, length: length)
                }
                number = page.next
            }
        }
        return value
    }

    /// The 4-byte number `key` holds in the file's byte order, as rpm writes header numbers as keys; nil when
    /// the key is not 4 bytes.
    func number(_ key: [UInt8]) -> UInt32? {
        key.count == 4 ? Self.uint32(key, at: 0, bigEndian: isBigEndian) : nil
    }

    private func uint32(at offset: Int) -> UInt32 { Self.uint32(bytes, at: offset, bigEndian: isBigEndian) }

    private func uint16(at offset: Int) -> UInt16 {
        let pair = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
        return isBigEndian ? pair.byteSwapped : pair
    }

    private static func uint32(_ bytes: [UInt8], at offset: Int, bigEndian: Bool) -> UInt32 {
        let value = bytes[offset..<(offset + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return bigEndian ? value.byteSwapped : value
    }
}

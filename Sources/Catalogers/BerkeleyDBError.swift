/// Why a Berkeley DB hash file could not be read, naming the page and field at fault.
enum BerkeleyDBError: Error, Equatable, CustomStringConvertible {
    case truncatedMetadata(Int)
    case badMagic(UInt32)
    case unsupportedVersion(UInt32)
    case badPageSize(Int)
    case encrypted
    case checksummed
    case truncated(size: Int, pages: Int, pageSize: Int)
    case tooManyBuckets(Int, pages: Int)
    case pageOutOfRange(Int, pages: Int, referrer: String)
    case pageReachedTwice(Int, referrer: String)
    case wrongPageNumber(page: Int, recorded: Int)
    case wrongPageType(page: Int, type: UInt8)
    case tooManyEntries(page: Int, entries: Int)
    case unpairedEntry(page: Int, entries: Int)
    case badItemOffset(page: Int, item: Int, offset: Int)
    case unsupportedItem(page: Int, item: Int, type: UInt8)
    case badOverflowLength(page: Int, item: Int, length: Int)
    case badOverflowPage(page: Int, held: Int, allowed: Int)
    case overflowChainEnds(page: Int, read: Int, length: Int)

    var description: String {
        "not a readable Berkeley DB hash database: " + detail
    }

    private var detail: String {
        switch self {
        case .truncatedMetadata(let size): "the file is \(size) bytes, too short for the metadata page"
        case .badMagic(let magic):
            "the magic at offset 12 is 0x\(String(magic, radix: 16)), not 0x61561 (hash) in either byte order"
        case .unsupportedVersion(let version): "hash version \(version) is not one of 8 to 10"
        case .badPageSize(let size): "the metadata's page size \(size) is not a power of two from 512 to 65536"
        case .encrypted: "the file is encrypted"
        case .checksummed: "the file's pages carry checksums, a layout rpm does not write"
        case .truncated(let size, let pages, let pageSize):
            "the file is \(size) bytes but its metadata says \(pages) pages of \(pageSize) bytes"
        case .tooManyBuckets(let buckets, let pages): "the metadata says \(buckets) buckets in \(pages) pages"
        case .pageOutOfRange(let page, let pages, let referrer):
            "page \(page), named by \(referrer), is not one of the file's pages 1 to \(pages - 1)"
        case .pageReachedTwice(let page, let referrer):
            "page \(page), named by \(referrer), was already read: a page chain loops or two chains share it"
        case .wrongPageNumber(let page, let recorded): "page \(page) records its number as \(recorded)"
        case .wrongPageType(let page, let type): "page \(page) has type \(type), not the type its place needs"
        case .tooManyEntries(let page, let entries): "page \(page) has \(entries) entries, more than the page holds"
        case .unpairedEntry(let page, let entries): "page \(page) has \(entries) entries, a key without its value"
        case .badItemOffset(let page, let item, let offset):
            "item \(item) of page \(page) is at offset \(offset), outside the page's item area or overlapping"
        case .unsupportedItem(let page, let item, let type):
            "item \(item) of page \(page) has type \(type), not a key or value (1) or an overflow reference (3)"
        case .badOverflowLength(let page, let item, let length):
            "item \(item) of page \(page) has overflow length \(length), more than the file's pages could hold"
        case .badOverflowPage(let page, let held, let allowed):
            "overflow page \(page) has length \(held), not from 1 to the \(allowed) bytes the page and the item allow"
        case .overflowChainEnds(let page, let read, let length):
            "the overflow chain ends at page \(page) after \(read) of \(length) bytes"
        }
    }
}

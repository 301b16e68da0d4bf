/// Why a zip archive (a jar, war or ear) or one of its members could not be read.
///
/// Messages name the member where there is one; the cataloger's warning names the file.
public enum ZipArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No end of central directory record in the last 65,557 bytes: not a zip archive, or cut off.
    case notAZipArchive(size: Int)
    /// A ZIP64 end record or extra field is missing, short or states impossible sizes.
    case zip64RecordInvalid(String)
    /// The central directory's offset and size do not fit before the end record.
    case centralDirectoryOutOfBounds(offset: Int, size: Int, end: Int)
    /// Entry `index` of `count` does not fit in the central directory, or lacks its signature.
    case centralDirectoryTruncated(index: Int, count: Int)
    /// A member's local header is missing, mismatched, or its data runs past the end of the archive.
    case localHeaderInvalid(member: String)
    /// A member declares more uncompressed bytes than the reader keeps.
    case memberTooLarge(member: String, declared: Int, limit: Int)
    /// A stored member whose compressed and uncompressed sizes differ.
    case storedSizeMismatch(member: String)
    /// A member compressed with a method other than stored (0) or deflate (8).
    case unsupportedMethod(member: String, method: UInt16)
    /// A member's deflate data is malformed (ISA-L's status) or ends early.
    case inflateFailed(member: String, status: Int32)
    /// A member inflates to more bytes than it declares: a zip bomb, or a lie.
    case inflatesPastDeclaredSize(member: String, declared: Int)
    /// A member inflates to fewer bytes than it declares.
    case inflatesShort(member: String, declared: Int, produced: Int)
    /// A member's CRC-32 is not the one the central directory records.
    case checksumMismatch(member: String)

    public var description: String {
        switch self {
        case .notAZipArchive(let size):
            "not a zip archive: no end of central directory record in its \(size) bytes"
        case .zip64RecordInvalid(let reason): "malformed ZIP64 archive: \(reason)"
        case .centralDirectoryOutOfBounds(let offset, let size, let end):
            "zip central directory of \(size) bytes at offset \(offset) does not fit before its end record at \(end)"
        case .centralDirectoryTruncated(let index, let count):
            "zip central directory truncated: entry \(index) of \(count) is past its end or malformed"
        case .localHeaderInvalid(let member): "zip member \(member): local header missing or data past the end"
        case .memberTooLarge(let member, let declared, let limit):
            "zip member \(member) declares \(declared) bytes, more than the \(limit) read"
        case .storedSizeMismatch(let member): "zip member \(member) is stored but its two sizes differ"
        case .unsupportedMethod(let member, let method): "zip member \(member) uses compression method \(method)"
        case .inflateFailed(let member, let status): "zip member \(member): deflate data malformed (ISA-L \(status))"
        case .inflatesPastDeclaredSize(let member, let declared):
            "zip member \(member) inflates past its declared \(declared) bytes"
        case .inflatesShort(let member, let declared, let produced):
            "zip member \(member) inflates to \(produced) bytes, not its declared \(declared)"
        case .checksumMismatch(let member): "zip member \(member): CRC-32 does not match the central directory"
        }
    }
}

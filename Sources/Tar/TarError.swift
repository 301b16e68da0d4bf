/// Where in a tar stream a problem was found.
public struct TarLocation: Sendable, Equatable, CustomStringConvertible {
    /// Index of the entry being read (0 for the first entry), counting only entries `next()` returns.
    public var entryIndex: Int
    /// Byte offset in the uncompressed stream of the entry's first header block.
    public var headerOffset: Int64
    /// The entry's name as far as it was known, escaped.
    public var entryName: String?

    public var description: String {
        let named = entryName.map { " \"\($0)\"" } ?? ""
        return "entry \(entryIndex)\(named) (header at byte \(headerOffset))"
    }
}

/// Why a tar stream was rejected.
///
/// The cases follow the places where Go's archive/tar returns `ErrHeader` or `ErrFieldTooLong`, so
/// that Safeguard rejects what the container runtimes reject.
public enum TarError: Error, Equatable, CustomStringConvertible {
    /// The header checksum matches neither the unsigned nor the signed sum of the block.
    case badChecksum(TarLocation)
    /// A numeric header field is not octal or base-256, or overflows 64 bits.
    case invalidNumericField(TarLocation, field: String)
    /// The entry declares a negative data size.
    case negativeSize(TarLocation, size: Int64)
    /// A PAX header, GNU long name or sparse map is larger than the reader's bound.
    case fieldTooLong(TarLocation, field: String, size: Int64, limit: Int64)
    /// A PAX record is malformed (length, separator or newline wrong).
    case malformedPAXRecord(TarLocation, recordOffset: Int, reason: String)
    /// A PAX record is well-formed but its value is invalid for its key.
    case invalidPAXValue(TarLocation, key: String, reason: String)
    /// A sparse map is malformed, negative, overlapping or beyond the file's size.
    case invalidSparseMap(TarLocation, reason: String)
    /// The stream ended inside a header block or inside an entry's data.
    case truncated(TarLocation, streamOffset: Int64, inside: String)

    public var description: String {
        switch self {
        case .badChecksum(let at):
            "tar \(at): header checksum does not match"
        case .invalidNumericField(let at, let field):
            "tar \(at): numeric field \(field) is not a valid octal or base-256 number"
        case .negativeSize(let at, let size):
            "tar \(at): negative data size \(size)"
        case .fieldTooLong(let at, let field, let size, let limit):
            "tar \(at): \(field) too long: \(size) bytes, limit \(limit)"
        case .malformedPAXRecord(let at, let recordOffset, let reason):
            "tar \(at): malformed PAX record at byte \(recordOffset) of the extended header: \(reason)"
        case .invalidPAXValue(let at, let key, let reason):
            "tar \(at): PAX record \(key): \(reason)"
        case .invalidSparseMap(let at, let reason):
            "tar \(at): invalid sparse map: \(reason)"
        case .truncated(let at, let streamOffset, let inside):
            "tar \(at): stream ended at byte \(streamOffset) inside \(inside)"
        }
    }
}

extension TarError {
    /// Where in the stream the problem was found.
    public var location: TarLocation? {
        switch self {
        case .badChecksum(let at), .invalidNumericField(let at, _), .negativeSize(let at, _),
             .fieldTooLong(let at, _, _, _), .malformedPAXRecord(let at, _, _), .invalidPAXValue(let at, _, _),
             .invalidSparseMap(let at, _), .truncated(let at, _, _):
            at
        }
    }
}

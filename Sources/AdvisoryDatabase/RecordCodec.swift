import Advisories
import CZstd
import Foundation

/// How a whole advisory is stored: its JSON (`Advisory`'s `Codable` form) compressed with zstd. Advisory text
/// compresses several times over, which keeps the database well under the size of the JSON it came from.
enum RecordCodec {
    /// A good ratio at import speed; reading is fast at any level.
    static let level: Int32 = 9
    /// No stored record is larger than the largest record import accepts; this bounds what a damaged or crafted
    /// database can make decompression allocate.
    static let maxRecordSize = 8 << 20

    static func encode(_ advisory: Advisory) throws -> [UInt8] {
        let json = [UInt8](try JSONEncoder().encode(advisory))
        let bound = ZSTD_compressBound(json.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { destination in
            json.withUnsafeBytes { source in
                ZSTD_compress(destination.baseAddress, bound, source.baseAddress, source.count, level)
            }
        }
        guard ZSTD_isError(written) == 0 else { throw CodecError(reason: String(cString: ZSTD_getErrorName(written))) }
        return Array(output.prefix(written))
    }

    static func decode(_ bytes: [UInt8]) throws -> Advisory {
        let size = bytes.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        // Why: the frame header states the size, and the file may be crafted; it is checked before allocating.
        guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN, size <= UInt64(maxRecordSize) else {
            throw CodecError(reason: "compressed record has no valid size (or one over \(maxRecordSize) bytes)")
        }
        var output = [UInt8](repeating: 0, count: Int(size))
        let written = output.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { source in
                ZSTD_decompress(destination.baseAddress, destination.count, source.baseAddress, source.count)
            }
        }
        guard ZSTD_isError(written) == 0, written == Int(size) else {
            throw CodecError(reason: "compressed record is damaged")
        }
        return try JSONDecoder().decode(Advisory.self, from: Data(output))
    }

    struct CodecError: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }
}

import ImageModel

/// Why a compressed layer could not be decompressed.
///
/// Every case names the byte offset in the compressed stream where the problem was found, so a
/// report can point at the exact place in the blob.
public enum DecompressionError: Error, Equatable, CustomStringConvertible {
    /// The compressed stream ended inside a gzip member or zstd frame, or held no member at all.
    case truncated(LayerCompression, compressedOffset: Int64)
    /// Bytes that do not start a gzip member header (ISA-L `ISAL_INVALID_WRAPPER`).
    case gzipInvalidHeader(compressedOffset: Int64)
    /// The gzip header names a compression method other than deflate (`ISAL_UNSUPPORTED_METHOD`).
    case gzipUnsupportedMethod(compressedOffset: Int64)
    /// A deflate block header is invalid (`ISAL_INVALID_BLOCK`).
    case gzipInvalidBlock(compressedOffset: Int64)
    /// A deflate Huffman symbol is invalid (`ISAL_INVALID_SYMBOL`).
    case gzipInvalidSymbol(compressedOffset: Int64)
    /// A deflate back-reference points before the start of the data (`ISAL_INVALID_LOOKBACK`).
    case gzipInvalidLookback(compressedOffset: Int64)
    /// A member's trailer (CRC32 or ISIZE) or header CRC does not match (`ISAL_INCORRECT_CHECKSUM`).
    case gzipChecksumMismatch(member: Int, compressedOffset: Int64)
    /// The stream asks for a preset dictionary, which gzip layers never use (`ISAL_NEED_DICT`).
    case gzipNeedsDictionary(compressedOffset: Int64)
    /// ISA-L consumed no input and produced no output although both were available.
    case gzipStalled(compressedOffset: Int64)
    /// ISA-L returned a status this code does not know.
    case gzipUnknownStatus(code: Int32, compressedOffset: Int64)
    /// Non-zero bytes after the last complete member or frame that do not start another one.
    case trailingGarbage(LayerCompression, compressedOffset: Int64)
    /// libzstd rejected a frame; `name` is libzstd's own error name.
    case zstdFrameError(name: String, code: Int, compressedOffset: Int64)
    /// libzstd could not create or configure its decompression context.
    case zstdContextUnavailable

    public var description: String {
        switch self {
        case .truncated(let compression, let offset):
            "\(compression) stream truncated: input ended at compressed byte \(offset) before the member or frame ended"
        case .gzipInvalidHeader(let offset):
            "gzip: no valid member header at compressed byte \(offset)"
        case .gzipUnsupportedMethod(let offset):
            "gzip: member header at compressed byte \(offset) names a compression method other than deflate"
        case .gzipInvalidBlock(let offset):
            "gzip: invalid deflate block near compressed byte \(offset)"
        case .gzipInvalidSymbol(let offset):
            "gzip: invalid deflate symbol near compressed byte \(offset)"
        case .gzipInvalidLookback(let offset):
            "gzip: deflate back-reference before the start of the data near compressed byte \(offset)"
        case .gzipChecksumMismatch(let member, let offset):
            "gzip: CRC32 or size check of member \(member) failed at compressed byte \(offset)"
        case .gzipNeedsDictionary(let offset):
            "gzip: stream asks for a preset dictionary at compressed byte \(offset)"
        case .gzipStalled(let offset):
            "gzip: decoder made no progress at compressed byte \(offset)"
        case .gzipUnknownStatus(let code, let offset):
            "gzip: ISA-L returned unknown status \(code) near compressed byte \(offset)"
        case .trailingGarbage(let compression, let offset):
            "\(compression): non-zero bytes at compressed byte \(offset) after the last complete member or frame"
        case .zstdFrameError(let name, let code, let offset):
            "zstd: \(name) (code \(code)) near compressed byte \(offset)"
        case .zstdContextUnavailable:
            "zstd: could not create a decompression context"
        }
    }
}

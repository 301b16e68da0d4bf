import CISAL

/// Inflates a whole zlib stream (RFC 1950: a 2-byte header, raw deflate, an Adler-32 of the output) held in memory,
/// as cargo-auditable writes its dependency list.
enum ZlibStream {
    /// Why a zlib stream could not be inflated.
    enum InflateError: Error, CustomStringConvertible, Equatable {
        case tooLarge(limit: Int)
        case malformed(status: Int32)
        case needsDictionary
        case truncated(produced: Int)

        var description: String {
            switch self {
            case .tooLarge(let limit): "zlib data inflates past \(limit) bytes; stopped there"
            case .malformed(let status):
                status == ISAL_INCORRECT_CHECKSUM ? "zlib data fails its Adler-32 checksum"
                    : status == ISAL_INVALID_WRAPPER || status == ISAL_UNSUPPORTED_METHOD ? "zlib header is invalid"
                    : "zlib data is not valid deflate (ISA-L status \(status))"
            case .needsDictionary: "zlib data needs a preset dictionary, which no writer of this format uses"
            case .truncated(let produced): "zlib data ends before its stream does (after \(produced) bytes)"
            }
        }
    }

    /// How much output one call to ISA-L may write: small, so a bomb is caught after at most this much past `limit`.
    static let chunkSize = 64 << 10

    /// The inflated bytes of `input`, a complete zlib stream, at most `limit` of them.
    ///
    /// Why the limit: deflate expands up to 1,032 times, so a few kilobytes in a file can inflate to gigabytes.
    /// Output grows a chunk at a time and inflation stops as soon as it passes `limit`, whatever the input says.
    /// - Throws: `InflateError` when the stream is malformed, cut off, fails its checksum or passes `limit`.
    static func inflate(_ input: ArraySlice<UInt8>, limit: Int) throws(InflateError) -> [UInt8] {
        guard !input.isEmpty else { throw .truncated(produced: 0) }
        let state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        defer { state.deallocate() }
        isal_inflate_init(state)
        // ISA-L reads the zlib header and checks the Adler-32 trailer itself.
        state.pointee.crc_flag = UInt32(ISAL_ZLIB)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var status: Int32 = ISAL_DECOMP_OK
        input.withUnsafeBufferPointer { source in
            state.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            state.pointee.avail_in = UInt32(source.count)
            while true {
                let produced = chunk.withUnsafeMutableBufferPointer { buffer in
                    state.pointee.next_out = buffer.baseAddress
                    state.pointee.avail_out = UInt32(buffer.count)
                    status = isal_inflate(state)
                    return buffer.count - Int(state.pointee.avail_out)
                }
                output += chunk[0..<produced]
                let finished = state.pointee.block_state == ISAL_BLOCK_FINISH
                // Stop on an error, at the end, past the limit, or when the input is spent and nothing came out.
                if status < 0 || status == ISAL_NEED_DICT || finished || output.count > limit { return }
                if state.pointee.avail_in == 0 && produced == 0 { return }
            }
        }
        if output.count > limit { throw .tooLarge(limit: limit) }
        if status == ISAL_NEED_DICT { throw .needsDictionary }
        if status < 0 { throw .malformed(status: status) }
        guard state.pointee.block_state == ISAL_BLOCK_FINISH else { throw .truncated(produced: output.count) }
        return output
    }
}

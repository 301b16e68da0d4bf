import CISAL
import ImageModel

/// How many compressed bytes are read from the base stream at a time.
///
/// 256 KiB keeps the number of reads (and socket or digest calls below) low while staying small
/// next to the layers being read; it is allocated once per stream.
let compressedInputCapacity = 256 * 1024

/// ISA-L's inflate state and the compressed input buffer, freed once when the stream is dropped.
///
/// `inflate_state` is about 100 KB and holds pointers into the input buffer, so both live on the heap
/// at stable addresses rather than inside the copyable stream struct.
final class InflateStorage {
    let state: UnsafeMutablePointer<inflate_state>
    let input: UnsafeMutableRawBufferPointer

    init() {
        state = .allocate(capacity: 1)
        input = .allocate(byteCount: compressedInputCapacity, alignment: 64)
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
    }

    deinit {
        state.deallocate()
        input.deallocate()
    }
}

/// Decompresses a gzip stream with ISA-L's igzip, pulling compressed bytes from `base` as it goes.
///
/// Every member's CRC32 and ISIZE are checked by ISA-L. Concatenated members (as `pigz` and
/// `cat a.gz b.gz` produce) are decoded one after the other. After the last member, bytes that are all
/// zero are accepted and counted in `trailingZeroBytes` (some tools pad blobs to a block size and
/// GNU gzip ignores such padding); any other trailing byte is `DecompressionError.trailingGarbage`,
/// because data a decompressor skips is data a scanner would not see.
public struct GzipInflateStream<Base: ByteStream>: ByteStream {
    private var base: Base
    private let storage = InflateStorage()
    private var baseEnded = false
    private var finished = false
    /// Compressed bytes handed to ISA-L so far, including those still in its input window.
    private var compressedFed: Int64 = 0
    /// Whether the current member has received any input yet.
    private var memberStarted = false
    /// How many complete members have been decoded.
    public private(set) var membersDecoded = 0
    /// How many zero bytes followed the last member.
    public private(set) var trailingZeroBytes: Int64 = 0

    /// Creates a stream decompressing the gzip bytes of `base`.
    public init(_ base: Base) {
        self.base = base
    }

    /// The offset in the compressed stream of the next byte ISA-L has not consumed.
    private var compressedOffset: Int64 {
        compressedFed - Int64(storage.state.pointee.avail_in)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        let state = storage.state
        while true {
            if state.pointee.block_state == ISAL_BLOCK_FINISH {
                membersDecoded += 1
                memberStarted = false
                guard try startNextMember() else {
                    finished = true
                    return 0
                }
            }

            if state.pointee.avail_in == 0 {
                try refill()
                if state.pointee.avail_in == 0 {
                    // A clean end is only possible at a member boundary, handled above; anything
                    // else (including a stream with no member at all) is a cut-off blob.
                    throw DecompressionError.truncated(.gzip, compressedOffset: compressedOffset)
                }
            }

            memberStarted = true
            state.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_out = UInt32(clamping: buffer.count)
            let availableBefore = state.pointee.avail_in
            let status = isal_inflate(state)
            try check(status)
            let produced = buffer.count - Int(state.pointee.avail_out)
            if produced > 0 { return produced }
            if state.pointee.avail_in == availableBefore, state.pointee.block_state != ISAL_BLOCK_FINISH {
                // Why: ISA-L consumed nothing and produced nothing; looping again would spin forever on a
                // stream crafted to stall it.
                throw DecompressionError.gzipStalled(compressedOffset: compressedOffset)
            }
        }
    }

    /// After a member ends: resets ISA-L for the next member and returns true, or returns false at a
    /// clean end of the stream (nothing or only zero padding left).
    private mutating func startNextMember() throws -> Bool {
        let state = storage.state
        if state.pointee.avail_in == 0 { try refill() }
        if state.pointee.avail_in == 0 { return false }
        if state.pointee.next_in.pointee == 0 {
            try consumeZeroPadding()
            return false
        }

        // Reset clears the bit buffer and block state but keeps next_in/avail_in; crc_flag is set again
        // so the next member's header is parsed and its trailer checked like the first one's.
        let nextIn = state.pointee.next_in
        let availIn = state.pointee.avail_in
        isal_inflate_reset(state)
        state.pointee.next_in = nextIn
        state.pointee.avail_in = availIn
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
        return true
    }

    /// Reads the rest of the stream, which must be all zero bytes.
    private mutating func consumeZeroPadding() throws {
        let state = storage.state
        while state.pointee.avail_in > 0 {
            let bytes = UnsafeBufferPointer(start: state.pointee.next_in, count: Int(state.pointee.avail_in))
            if let nonZero = bytes.firstIndex(where: { $0 != 0 }) {
                throw DecompressionError.trailingGarbage(.gzip, compressedOffset: compressedOffset + Int64(nonZero))
            }
            trailingZeroBytes += Int64(bytes.count)
            state.pointee.next_in += bytes.count
            state.pointee.avail_in = 0
            try refill()
        }
    }

    /// Fills the input buffer from the base stream when ISA-L has consumed it all.
    private mutating func refill() throws {
        guard !baseEnded else { return }
        let count = try base.read(into: storage.input)
        if count == 0 {
            baseEnded = true
            return
        }
        compressedFed += Int64(count)
        storage.state.pointee.next_in = storage.input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        storage.state.pointee.avail_in = UInt32(count)
    }

    /// Maps an ISA-L status to a `DecompressionError`.
    private func check(_ status: Int32) throws {
        let offset = compressedOffset
        switch status {
        case ISAL_DECOMP_OK, ISAL_END_INPUT, ISAL_OUT_OVERFLOW: return
        case ISAL_INVALID_WRAPPER: throw DecompressionError.gzipInvalidHeader(compressedOffset: offset)
        case ISAL_UNSUPPORTED_METHOD: throw DecompressionError.gzipUnsupportedMethod(compressedOffset: offset)
        case ISAL_INVALID_BLOCK: throw DecompressionError.gzipInvalidBlock(compressedOffset: offset)
        case ISAL_INVALID_SYMBOL: throw DecompressionError.gzipInvalidSymbol(compressedOffset: offset)
        case ISAL_INVALID_LOOKBACK: throw DecompressionError.gzipInvalidLookback(compressedOffset: offset)
        case ISAL_INCORRECT_CHECKSUM:
            throw DecompressionError.gzipChecksumMismatch(member: membersDecoded, compressedOffset: offset)
        case ISAL_NEED_DICT: throw DecompressionError.gzipNeedsDictionary(compressedOffset: offset)
        default: throw DecompressionError.gzipUnknownStatus(code: status, compressedOffset: offset)
        }
    }
}

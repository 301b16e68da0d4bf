import CZstd
import ImageModel

/// The largest zstd window, as a power of two, that a frame may ask for: 2^27 bytes = 128 MiB.
///
/// A zstd frame names its own window size and the decoder allocates it; a hostile frame could
/// otherwise demand gigabytes. 27 is what `zstd --long` and the highest levels use, so every
/// layer written by ordinary tools still decodes.
let zstdMaximumWindowLog: Int32 = 27

/// libzstd's decompression context and the compressed input buffer, freed once when the stream is dropped.
final class ZstdStorage {
    let context: OpaquePointer
    let input: UnsafeMutableRawBufferPointer

    init() throws {
        guard let context = ZSTD_createDCtx() else { throw DecompressionError.zstdContextUnavailable }
        guard ZSTD_isError(ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, zstdMaximumWindowLog)) == 0 else {
            ZSTD_freeDCtx(context)
            throw DecompressionError.zstdContextUnavailable
        }
        self.context = context
        input = .allocate(byteCount: compressedInputCapacity, alignment: 64)
    }

    deinit {
        ZSTD_freeDCtx(context)
        input.deallocate()
    }
}

/// Decompresses a Zstandard stream with libzstd, pulling compressed bytes from `base` as it goes.
///
/// Concatenated frames and skippable frames are decoded in order; a stream that ends inside a frame,
/// or holds no frame at all, is `DecompressionError.truncated`. Bytes after the last frame that do not
/// form a frame are rejected by libzstd.
public struct ZstdDecompressStream<Base: ByteStream>: ByteStream {
    private var base: Base
    private let storage: ZstdStorage
    private var inputPosition = 0
    private var inputSize = 0
    private var baseEnded = false
    /// Whether libzstd is inside a frame (its last return value was non-zero) or has not seen one yet.
    private var frameOpen = true
    private var compressedFed: Int64 = 0

    /// Creates a stream decompressing the zstd bytes of `base`.
    /// - Throws: `DecompressionError.zstdContextUnavailable` when libzstd cannot allocate its context.
    public init(_ base: Base) throws {
        self.base = base
        self.storage = try ZstdStorage()
    }

    private var compressedOffset: Int64 { compressedFed - Int64(inputSize - inputPosition) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            if inputPosition == inputSize {
                try refill()
                if inputPosition == inputSize {
                    guard !frameOpen else {
                        throw DecompressionError.truncated(.zstd, compressedOffset: compressedOffset)
                    }
                    return 0
                }
            }

            var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
            var input = ZSTD_inBuffer(src: storage.input.baseAddress, size: inputSize, pos: inputPosition)
            let result = ZSTD_decompressStream(storage.context, &output, &input)
            inputPosition = input.pos
            if ZSTD_isError(result) != 0 {
                let name = String(cString: ZSTD_getErrorName(result))
                let code = Int(ZSTD_getErrorCode(result).rawValue)
                throw DecompressionError.zstdFrameError(name: name, code: code, compressedOffset: compressedOffset)
            }
            frameOpen = result != 0
            if output.pos > 0 { return output.pos }
        }
    }

    private mutating func refill() throws {
        guard !baseEnded else { return }
        let count = try base.read(into: storage.input)
        if count == 0 {
            baseEnded = true
            return
        }
        compressedFed += Int64(count)
        inputPosition = 0
        inputSize = count
    }
}

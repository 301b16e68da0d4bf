/// Wraps a stream, hashing every byte that passes and checking the total against an expected digest
/// and size when the stream ends.
///
/// This is how every blob is verified while it streams: a consumer never acts on the end of a blob
/// whose bytes did not match, because the mismatch is thrown from the final `read`. A size that differs
/// from the expected one always throws (the blob is truncated or padded); a digest mismatch may instead be
/// left for the caller to report. A class, so a pipeline can read the result after wrapping it in other stages.
public final class DigestingStream<Base: ByteStream>: ByteStream {
    private var base: Base
    private let digester: Digester
    /// The digest the bytes must have, or nil to only compute it.
    public let expected: Digest?
    /// The size the stream must have, or nil when unknown.
    public let expectedSize: Int64?
    /// The digest computed, set once the stream has ended.
    public private(set) var computed: Digest?
    /// Whether a digest mismatch throws (the default) or is only recorded in `computed` for the caller to judge.
    private let throwsOnMismatch: Bool

    /// Creates a verifying stream.
    /// - Parameters:
    ///   - base: the stream to read.
    ///   - expected: the digest the bytes must hash to; its algorithm is used for hashing.
    ///   - expectedSize: the exact size, when known; reading past it fails at once.
    ///   - throwsOnMismatch: false to let the caller turn a digest mismatch into a finding.
    public init(_ base: Base, expected: Digest?, expectedSize: Int64? = nil, throwsOnMismatch: Bool = true) {
        self.base = base
        self.expected = expected
        self.expectedSize = expectedSize
        self.digester = Digester(algorithm: expected?.algorithm ?? .sha256)
        self.throwsOnMismatch = throwsOnMismatch
    }

    /// How many bytes have passed so far.
    public var count: Int64 { digester.count }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard computed == nil else { return 0 }
        let count = try base.read(into: buffer)
        if count > 0 {
            digester.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            // A source that sends more than the descriptor's size is lying about the blob; stop reading
            // instead of hashing an unbounded stream.
            if let expectedSize, digester.count > expectedSize {
                throw DigestError.sizeMismatch(expected: expectedSize, received: digester.count)
            }
            return count
        }
        let digest = digester.finalize()
        computed = digest
        if let expectedSize, digester.count != expectedSize {
            throw DigestError.sizeMismatch(expected: expectedSize, received: digester.count)
        }
        if throwsOnMismatch, let expected, expected != digest {
            throw DigestError.mismatch(expected: expected, computed: digest)
        }
        return 0
    }
}

/// Why verified bytes were rejected.
public enum DigestError: Error, Equatable, CustomStringConvertible {
    /// The bytes hash to a different digest than the one they were fetched by.
    case mismatch(expected: Digest, computed: Digest)
    /// The stream's length differs from the descriptor's size.
    case sizeMismatch(expected: Int64, received: Int64)

    public var description: String {
        switch self {
        case .mismatch(let expected, let computed):
            "digest mismatch: expected \(expected), content hashes to \(computed)"
        case .sizeMismatch(let expected, let received):
            "size mismatch: descriptor says \(expected) bytes, got \(received)"
        }
    }
}

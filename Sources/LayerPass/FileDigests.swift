import COpenSSL
import ImageModel

/// The digests of one regular file's content in the algorithms package databases record: dpkg's MD5, apk's SHA-1,
/// rpm's MD5 or SHA-256.
///
/// All three are computed in the same streaming pass because the pass runs layers in parallel and cannot know,
/// while it reads a file, which database (possibly in a later layer) will claim it or in which algorithm.
public struct FileDigests: Sendable, Hashable {
    // Held inline rather than as arrays: the pass keeps one value per digested file (hundreds of thousands in a
    // large layer), so three heap allocations each would cost more memory and time than the digests themselves.
    fileprivate var md5Storage = SIMD16<UInt8>()
    /// The first 20 bytes hold the digest; the rest stay zero.
    fileprivate var sha1Storage = SIMD32<UInt8>()
    fileprivate var sha256Storage = SIMD32<UInt8>()

    /// MD5 of the content.
    public var md5: [UInt8] { Self.bytes(md5Storage, count: 16) }
    /// SHA-1 of the content.
    public var sha1: [UInt8] { Self.bytes(sha1Storage, count: 20) }
    /// SHA-256 of the content.
    public var sha256: [UInt8] { Self.bytes(sha256Storage, count: 32) }

    fileprivate init() {}

    private static func bytes<Storage: SIMD>(_ storage: Storage, count: Int) -> [UInt8]
    where Storage.Scalar == UInt8 {
        (0..<count).map { storage[$0] }
    }

    /// The digests of `bytes`, computed at once.
    public init(of bytes: [UInt8]) { self = FileDigester().digests(of: bytes) }

    /// The digest in `algorithm` (`md5`, `sha1`, `sha256`) as lowercase hex, or nil for any other algorithm.
    public func hex(_ algorithm: some StringProtocol) -> String? {
        switch algorithm {
        case "md5": hexEncoded(md5)
        case "sha1": hexEncoded(sha1)
        case "sha256": hexEncoded(sha256)
        default: nil
        }
    }

    /// Whether a recorded `algorithm:hex` digest matches: nil when its algorithm is not one computed here or its
    /// value is no digest of that algorithm (dpkg writes `newconffile` in place of a conffile's digest until the
    /// package is configured; such a record says nothing about the content).
    public func matches(recorded: String) -> Bool? {
        guard Self.isComparable(recorded: recorded), let colon = recorded.firstIndex(of: ":") else { return nil }
        return hex(recorded[..<colon]) == recorded[recorded.index(after: colon)...].lowercased()
    }

    /// Whether a recorded `algorithm:hex` digest is one `matches(recorded:)` can judge.
    public static func isComparable(recorded: String) -> Bool {
        guard let colon = recorded.firstIndex(of: ":"), let length = hexLengths[recorded[..<colon]] else {
            return false
        }
        let value = recorded.utf8[recorded.utf8.index(after: colon)...]
        return value.count == length && value.allSatisfy(isHexDigit)
    }

    /// Hex digits of each computed algorithm's digest.
    private static let hexLengths: [Substring: Int] = ["md5": 32, "sha1": 40, "sha256": 64]

    /// A hex digit of either case: records are compared case-insensitively.
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}

/// Which regular files the layer pass digests, in every layer, whatever their size.
///
/// Hashing streams through the pass's read buffer, so it costs CPU time but no memory per file; `selects` keeps
/// that time to the files an analyzer may need.
public struct DigestRequest: Sendable {
    /// Who asked, for diagnostics.
    public let analyzer: String
    /// Whether an entry's content is digested.
    public let selects: @Sendable (FileEntry) -> Bool

    /// Creates a request.
    public init(analyzer: String, selects: @escaping @Sendable (FileEntry) -> Bool) {
        self.analyzer = analyzer
        self.selects = selects
    }
}

/// Computes `FileDigests` incrementally; one per layer walk, reused file after file, never shared between threads.
final class FileDigester {
    private let contexts: [OpaquePointer]
    private let algorithms: [OpaquePointer?] = [EVP_md5(), EVP_sha1(), EVP_sha256()]

    init() {
        contexts = (0..<3).map { _ in
            guard let context = EVP_MD_CTX_new() else { fatalError("OpenSSL could not allocate a digest context") }
            return context
        }
    }

    deinit { for context in contexts { EVP_MD_CTX_free(context) } }

    /// Starts the digests of a new file.
    func start() {
        for (context, algorithm) in zip(contexts, algorithms) {
            guard EVP_DigestInit_ex(context, algorithm, nil) == 1 else {
                fatalError("OpenSSL could not start a file digest")
            }
        }
    }

    /// Adds a chunk of the file's content.
    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        for context in contexts { EVP_DigestUpdate(context, base, bytes.count) }
    }

    /// The digests of bytes held whole.
    func digests(of bytes: [UInt8]) -> FileDigests {
        start()
        bytes.withUnsafeBytes { update($0) }
        return finish()
    }

    /// Finishes the current file's digests.
    func finish() -> FileDigests {
        var digests = FileDigests()
        // Each buffer is at least the digest's size; OpenSSL writes exactly that many bytes.
        withUnsafeMutableBytes(of: &digests.md5Storage) { finish(0, into: $0) }
        withUnsafeMutableBytes(of: &digests.sha1Storage) { finish(1, into: $0) }
        withUnsafeMutableBytes(of: &digests.sha256Storage) { finish(2, into: $0) }
        return digests
    }

    private func finish(_ index: Int, into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count >= Int(EVP_MD_get_size(algorithms[index])), "digest buffer too small")
        var length: UInt32 = 0
        EVP_DigestFinal_ex(contexts[index], buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), &length)
    }
}

import Foundation
import ImageModel

/// A byte stream over a file, or over a byte range of it (a blob inside an archive).
///
/// A class so that the file descriptor is closed exactly once, when the last reference goes.
public final class FileStream: ByteStream {
    private let descriptor: Int32
    private var remaining: Int64
    private var offset: Int64
    private let path: String

    /// Opens `path` and positions at `offset`, yielding at most `length` bytes (the rest of the file when nil).
    /// - Throws: `SourceError.io` naming the path.
    public init(path: String, offset: Int64 = 0, length: Int64? = nil) throws {
        // O_NOFOLLOW is not used: layouts may legitimately be reached through symlinked directories, and the
        // files opened here are chosen by the user, never by image content.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SourceError.io(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw SourceError.io(path: path, reason: "not a regular file")
        }
        self.descriptor = descriptor
        self.path = path
        self.offset = offset
        self.remaining = length ?? max(0, Int64(info.st_size) - offset)
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let wanted = Int(min(Int64(buffer.count), remaining))
        guard wanted > 0 else { return 0 }
        while true {
            let count = pread(descriptor, buffer.baseAddress, wanted, off_t(offset))
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SourceError.io(path: path, reason: String(cString: strerror(errno))) }
            // A file that shrank under us ends early; the digest check downstream reports it.
            if count == 0 { remaining = 0; return 0 }
            offset += Int64(count)
            remaining -= Int64(count)
            return count
        }
    }

    /// Moves past `count` bytes without reading them: indexing an archive must not read its blobs.
    public func skip(_ count: Int64, using scratch: UnsafeMutableRawBufferPointer) throws -> Int64 {
        let skipped = min(max(0, count), remaining)
        offset += skipped
        remaining -= skipped
        return skipped
    }
}

/// Reads a whole small file, refusing one larger than `limit`.
func readFile(_ path: String, limit: Int) throws -> [UInt8] {
    var stream = try FileStream(path: path)
    do {
        return try stream.readAll(limit: limit)
    } catch let error as ByteStreamError {
        throw SourceError.io(path: path, reason: error.description)
    }
}

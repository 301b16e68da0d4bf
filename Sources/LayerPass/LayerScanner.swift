import ImageModel
import Tar

/// Streams one layer blob once: compressed digest, decompression, diff_id, tar entries, requested bytes.
struct LayerScanner {
    let index: Int
    let descriptor: Descriptor
    let expectedDiffID: Digest?
    let requests: [FileRequest]
    let progress: (@Sendable (Int64) -> Void)?

    /// The read size between stages; large enough that per-call overhead vanishes against hashing and inflate.
    static let chunkSize = 256 * 1024

    func scan(_ blob: any ByteStream) throws -> LayerResult {
        guard let declared = MediaType.layerTypes[descriptor.mediaType] else {
            throw LayerError.unsupportedMediaType(layer: index, digest: descriptor.digest,
                                                  mediaType: descriptor.mediaType)
        }
        // The compressed digest is checked but not thrown: a substituted layer is a finding to report with
        // everything else we learn from its content. A size mismatch (truncation) still throws.
        let compressed = DigestingStream(ProgressStream(base: AnyByteStream(blob), report: progress),
                                         expected: descriptor.digest, expectedSize: descriptor.size,
                                         throwsOnMismatch: false)
        let uncompressed = DigestingStream(AnyByteStream(try decompressor(for: declared, over: compressed)),
                                           expected: expectedDiffID, throwsOnMismatch: false)
        var reader = TarReader(uncompressed)
        var changes: [LayerChange] = []
        var captured: [String: [UInt8]] = [:]
        while let entry = try reader.next() {
            let file = Self.fileEntry(entry, layer: index)
            changes.append(EntryPath.change(for: file))
            if file.kind == .file,
               let request = requests.first(where: { file.size <= $0.maxSize && $0.matches(file.path) }) {
                captured[file.path] = try readContents(of: &reader, limit: request.maxSize)
            }
        }

        // The tar reader reads to the end of its stream, but a decompressor may stop at the end of its last frame:
        // drain both (the streams are shared references) so each digest covers every byte of its blob.
        var rest = uncompressed
        _ = try rest.drain()
        var tail = compressed
        _ = try tail.drain()
        return LayerResult(
            index: index, descriptor: descriptor, compression: declared, computedDigest: compressed.computed!,
            computedDiffID: uncompressed.computed!, expectedDiffID: expectedDiffID,
            uncompressedSize: uncompressed.count, changes: changes, captured: captured)
    }

    // Shortcoming: nothing bounds a layer's uncompressed size or ratio. A zstd frame of RLE blocks turns every
    // 4 bytes into 128 KiB, so a 1 MiB blob is 32 GiB to hash and walk: tens of seconds here, and minutes under
    // the fuzzer, which reports it as a timeout. A ratio cap would also refuse real layers with zero-filled files.
    private func decompressor(for compression: LayerCompression, over stream: some ByteStream) throws
        -> any ByteStream
    {
        switch compression {
        case .gzip: GzipInflateStream(stream)
        case .zstd: try ZstdDecompressStream(stream)
        case .none: stream
        }
    }

    private func readContents(of reader: inout TarReader<some ByteStream>, limit: Int64) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try reader.readContents(into: $0) }
            if count == 0 { return bytes }
            // The header's size was checked against the limit; this guards against a reader that yields more.
            guard Int64(bytes.count + count) <= limit else { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    static func fileEntry(_ entry: TarEntry, layer: Int) -> FileEntry {
        let kind: FileEntry.Kind = switch entry.type {
        case .regular, .contiguous: .file
        case .directory: .directory
        case .symbolicLink: .symlink
        case .hardLink: .hardlink
        case .characterDevice: .characterDevice
        case .blockDevice: .blockDevice
        case .fifo: .fifo
        default: .other
        }
        let isLink = kind == .symlink || kind == .hardlink
        return FileEntry(path: TarPath.normalize(entry.name), kind: kind, mode: UInt32(entry.mode & 0o7777),
                         uid: Int(entry.uid), gid: Int(entry.gid), size: entry.realSize,
                         linkTarget: isLink ? entry.linkName : nil, layer: layer)
    }
}

/// Passes bytes through, telling a progress callback how many went by.
struct ProgressStream<Base: ByteStream>: ByteStream {
    var base: Base
    let report: (@Sendable (Int64) -> Void)?

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try base.read(into: buffer)
        if count > 0 { report?(Int64(count)) }
        return count
    }
}

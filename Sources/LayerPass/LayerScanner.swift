import ImageModel
import Tar

/// Streams one layer blob once: compressed digest, decompression, diff_id, tar entries, requested bytes.
struct LayerScanner {
    let index: Int
    let descriptor: Descriptor
    let expectedDiffID: Digest?
    let requests: [FileRequest]
    var digests: DigestRequest?
    let limits: LayerLimits
    /// The kept bytes the image may still hold, shared with the other layers of the pass.
    let budget: KeptBytesBudget
    let inspector: (any EntryInspector)?
    let progress: (@Sendable (Int64) -> Void)?

    /// The read size for file contents; large enough that per-call overhead vanishes against hashing and inflate.
    static let chunkSize = 256 * 1024

    /// Scans the layer; `open` is called again only when the inspector asks for file contents to be compared.
    func scan(_ open: () throws -> any ByteStream) throws -> LayerResult {
        var (result, inspected) = try scan(try open(), fingerprinting: nil)
        guard var inspector = inspected else { return result }
        let paths = inspector.pathsNeedingContent()
        if !paths.isEmpty, result.interruption == nil {
            let (second, _) = try scan(try open(), fingerprinting: paths)
            inspector.compareContents(second.fingerprints)
        }
        result.findings = inspector.findings()
        return result
    }

    /// One pass over the blob; with `paths`, a second pass that only fingerprints those paths' contents.
    private func scan(_ blob: any ByteStream, fingerprinting paths: Set<String>?) throws
        -> (LayerResult, (any EntryInspector)?)
    {
        guard let declared = MediaType.layerTypes[descriptor.mediaType] else {
            throw LayerError.unsupportedMediaType(layer: index, digest: descriptor.digest,
                                                  mediaType: descriptor.mediaType)
        }
        // The compressed digest is checked but not thrown: a substituted layer is a finding to report with
        // everything else we learn from its content. The size is judged after the digest (see `checkSize`).
        // Progress counts the first pass only, so a second one never shows more than the blob's size.
        let limited = LimitedStream(ProgressStream(base: AnyByteStream(blob), report: paths == nil ? progress : nil),
                                    limit: limits.maxBlobBytes, exceeded: .blobBytes(limit: limits.maxBlobBytes))
        let compressed = DigestingStream(limited, expected: descriptor.digest, throwsOnMismatch: false)
        let sniffed = try SniffedStream(compressed)
        let detected = sniffed.compression
        let inflated = LimitedStream(AnyByteStream(try decompressor(for: detected, over: sniffed)),
                                     limit: limits.maxUncompressedBytes,
                                     exceeded: .uncompressedBytes(limit: limits.maxUncompressedBytes))
        let uncompressed = DigestingStream(inflated, expected: expectedDiffID, throwsOnMismatch: false)
        // Everything above runs on a thread of its own, ahead of the tar walk and the file analysis below.
        let readAhead = ReadAheadStream(uncompressed, chunkSize: Self.chunkSize)
        defer { readAhead.finish() }

        // A malformed tar or compressed stream, or a bomb past the limits, is a finding about this layer, not the
        // end of the scan: keep what was read, then read the blob to its end so its digest is still checked.
        var walk = EntryWalk(layer: index, requests: paths == nil ? requests : [], limits: limits, budget: budget,
                             inspector: paths == nil ? inspector : nil, fingerprinting: paths)
        walk.digests = paths == nil ? digests : nil
        var reader = TarReader(readAhead)
        var interruption: LayerInterruption?
        do {
            try walk.run(&reader)
            var rest = readAhead
            _ = try rest.drain()
        } catch let error as TarError where walk.isHeaderListingEnd(error) {
            // The stream ends right after the last header, with none of its content: a header listing (Go's
            // writer golden files and tar-split's metadata streams end so). Every extractor fails on it the same
            // way, so no two tools see different files; the layer is read to its end and its diff_id checked.
            var rest = readAhead
            _ = try rest.drain()
        } catch let error as TarError {
            interruption = .tar(error)
        } catch let error as DecompressionError {
            interruption = .decompression(error)
        } catch let error as LayerLimitExceeded where error != .blobBytes(limit: limits.maxBlobBytes) {
            interruption = .limit(error)
        }
        // The stages below the read-ahead are this thread's again only once its thread has stopped.
        readAhead.finish()
        var tail = compressed
        _ = try tail.drain()
        let digest = compressed.computed!
        try checkSize(received: compressed.count, digest: digest)

        var result = LayerResult(
            index: index, descriptor: descriptor, compression: declared, detectedCompression: detected,
            computedDigest: digest, blobSize: compressed.count,
            computedDiffID: interruption == nil ? uncompressed.computed : nil, expectedDiffID: expectedDiffID,
            uncompressedSize: uncompressed.count, changes: walk.changes, captured: walk.captured,
            interruption: interruption, trailingDataAfterEnd: reader.trailingDataAfterEnd, findings: [])
        result.fingerprints = walk.fingerprints
        result.fileDigests = walk.fileDigests
        result.unkept = walk.unkept
        return (result, walk.inspector)
    }

    /// A blob whose size differs from its descriptor's is truncated or padded in transit, which is an error,
    /// unless it still hashes to the descriptor's digest: then the descriptor's size is what lies, and the
    /// layer is reported (some tools check the size, some do not) with its verified content.
    private func checkSize(received: Int64, digest: Digest) throws {
        guard received != descriptor.size, digest != descriptor.digest else { return }
        let mismatch = DigestError.sizeMismatch(expected: descriptor.size, received: received)
        throw LayerError.unreadable(layer: index, digest: descriptor.digest, reason: "\(mismatch)")
    }

    private func decompressor(for compression: LayerCompression, over stream: some ByteStream) throws
        -> any ByteStream
    {
        switch compression {
        case .gzip: GzipInflateStream(stream)
        case .zstd: try ZstdDecompressStream(stream)
        case .none: stream
        }
    }
}

/// The walk over one layer's tar entries: records each change, fingerprints file contents, keeps requested
/// bytes and hands every entry to the inspector.
struct EntryWalk {
    let layer: Int
    let requests: [FileRequest]
    let limits: LayerLimits
    let budget: KeptBytesBudget
    var inspector: (any EntryInspector)?
    /// The paths whose copies to fingerprint, on a second pass.
    let fingerprinting: Set<String>?
    /// Which files to digest; nil on a second pass.
    var digests: DigestRequest?
    private(set) var fileDigests: [String: FileDigests] = [:]
    /// The algorithms the layer's files get: all until an entry narrows them (see `DigestRequest.narrowing`).
    private var algorithms = DigestAlgorithms.all
    private var narrowed = false
    private(set) var fingerprints: [String: [ContentFingerprint]] = [:]
    private(set) var changes: [LayerChange] = []
    private(set) var captured: [String: [UInt8]] = [:]
    /// The files not kept because the image's budget was spent.
    private(set) var unkept: UnkeptFiles?
    /// Where the last entry's content starts in the uncompressed stream.
    private var lastDataOffset: Int64 = -1
    private let fingerprinter = ContentFingerprinter()
    private let digester = FileDigester()
    private let buffer = ChunkBuffer(byteCount: LayerScanner.chunkSize)

    init(layer: Int, requests: [FileRequest], limits: LayerLimits, budget: KeptBytesBudget,
         inspector: (any EntryInspector)?, fingerprinting: Set<String>?) {
        self.layer = layer
        self.requests = requests
        self.limits = limits
        self.budget = budget
        self.inspector = inspector
        self.fingerprinting = fingerprinting
    }

    mutating func run(_ reader: inout TarReader<some ByteStream>) throws {
        while let entry = try reader.next() {
            // Why: each entry costs bookkeeping; an archive of millions of empty entries must stop at a bound.
            guard changes.count < limits.maxEntries else { throw LayerLimitExceeded.entries(limit: limits.maxEntries) }
            lastDataOffset = entry.dataOffset
            let file = FileEntry(entry, layer: layer)
            changes.append(EntryPath.change(for: file))
            if let marked = digests?.narrowing(file) {
                algorithms = narrowed ? algorithms.union(marked) : marked
                narrowed = true
            }
            if file.kind == .file, let fingerprinting, fingerprinting.contains(file.path) {
                fingerprints[file.path, default: []].append(try fingerprint(&reader))
            } else if file.kind == .file {
                // This runs for every file of every layer: no allocation unless some request selects the file.
                var limit: Int64 = -1
                for request in requests where file.size <= request.maxSize && request.selects(file) {
                    limit = max(limit, request.maxSize)
                }
                let digesting = digests?.selects(file) ?? false
                if limit >= 0 {
                    // Read whole, then kept only if some request wants these bytes: a request that selects every
                    // executable holds one at a time, not the layer's all.
                    let bytes = try readContents(of: &reader, limit: limit)
                    let keeper = requests.first { file.size <= $0.maxSize && $0.selects(file) && $0.keeps(bytes) }
                    if let keeper { keep(keeper.reduces(bytes), of: file.path, for: keeper.analyzer) }
                    if digesting { fileDigests[file.path] = digester.digests(of: bytes, algorithms: algorithms) }
                } else if digesting {
                    fileDigests[file.path] = try digest(&reader)
                }
                if !digesting, !fileDigests.isEmpty { fileDigests.removeValue(forKey: file.path) }
            } else if !fileDigests.isEmpty {
                // An earlier copy of the path in this layer no longer stands for it.
                fileDigests.removeValue(forKey: file.path)
            }
            inspector?.inspect(entry, path: file.path)
        }
    }

    /// Keeps `bytes` for `path` while the image's budget lasts, replacing an earlier copy of the path.
    private mutating func keep(_ bytes: [UInt8], of path: String, for analyzer: String) {
        if let earlier = captured.removeValue(forKey: path) { budget.giveBack(earlier.count) }
        guard budget.take(bytes.count) else {
            unkept = unkept.map {
                UnkeptFiles(firstPath: $0.firstPath, count: $0.count + 1, analyzers: $0.analyzers.union([analyzer]))
            } ?? UnkeptFiles(firstPath: path, count: 1, analyzers: [analyzer])
            return
        }
        captured[path] = bytes
    }

    /// Whether `error` is the stream ending exactly where the last entry's content should start.
    func isHeaderListingEnd(_ error: TarError) -> Bool {
        guard case .truncated(_, let streamOffset, let inside) = error else { return false }
        return inside == "the entry's content" && streamOffset == lastDataOffset
    }

    /// Reads the current entry's content whole, up to `limit` bytes.
    private func readContents(of reader: inout TarReader<some ByteStream>, limit: Int64) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let count = try reader.readContents(into: buffer.bytes)
            if count == 0 { return bytes }
            // The header's size was checked against the limit; this guards against a reader that yields more.
            guard Int64(bytes.count + count) <= limit else { return bytes }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer.bytes[0..<count]))
        }
    }

    /// Digests the current entry's content as it streams by.
    private func digest(_ reader: inout TarReader<some ByteStream>) throws -> FileDigests {
        digester.start(algorithms)
        while true {
            let count = try reader.readContents(into: buffer.bytes)
            if count == 0 { return digester.finish() }
            digester.update(UnsafeRawBufferPointer(rebasing: buffer.bytes[0..<count]))
        }
    }

    /// Fingerprints the current entry's content.
    private func fingerprint(_ reader: inout TarReader<some ByteStream>) throws -> ContentFingerprint {
        fingerprinter.start()
        while true {
            let count = try reader.readContents(into: buffer.bytes)
            if count == 0 { return fingerprinter.finish() }
            fingerprinter.update(UnsafeRawBufferPointer(rebasing: buffer.bytes[0..<count]))
        }
    }
}

extension FileEntry {
    /// The filesystem's view of a tar entry.
    init(_ entry: TarEntry, layer: Int) {
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
        self.init(path: TarPath.normalize(entry.name), kind: kind, mode: UInt32(entry.mode & 0o7777),
                  uid: Int(entry.uid), gid: Int(entry.gid), size: entry.realSize,
                  linkTarget: isLink ? entry.linkName : nil, layer: layer)
    }
}

/// A read buffer allocated once per layer and freed with it.
final class ChunkBuffer {
    let bytes: UnsafeMutableRawBufferPointer

    init(byteCount: Int) { bytes = .allocate(byteCount: byteCount, alignment: 64) }

    deinit { bytes.deallocate() }
}

// The libFuzzer entry point over a layer blob: decompression, the tar reader, the layer pass and the merge.
//
// An input is one selector byte and a blob. The selector picks the layer's media type (and so its compression);
// the blob goes through `LayerPass` exactly as a registry's would, then straight into `TarReader` so that tar
// parsing is fuzzed without a decompressor rejecting most mutations first.
//
// A thrown error is the expected outcome for garbage. A crash, trap, hang or runaway allocation is a bug.
// Not named main.swift: libFuzzer provides `main`, so this file must not have top-level code.

import Findings
import Forensics
import ImageModel
import LayerPass
import Tar

/// Runs one fuzz input; libFuzzer calls this for every input it generates.
/// - Returns: 0 always; libFuzzer reserves other values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLayer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let input = FuzzInput(UnsafeBufferPointer(start: data, count: size))

    if let results = scanAsLayer(input) { checkLayers(results) }

    readAsTar(input.blob, chunkSize: input.chunkSize)
    return 0
}

/// What the selector byte and the rest of an input mean.
///
/// Selector bits: 0–1 pick the compression (0 none, 1 gzip, 2 zstd, 3 none again), 2–5 pick one of the media
/// types with that compression, 7 picks the content read size. `make-corpus.sh` writes seeds with this layout.
struct FuzzInput {
    static let compressions: [LayerCompression] = [.none, .gzip, .zstd, .none]
    static let mediaTypes: [[String]] = compressions.map { compression in
        MediaType.layerTypes.filter { $0.value == compression }.map(\.key).sorted()
    }

    /// The layer's media type.
    let mediaType: String
    /// The layer blob as a registry would serve it.
    let blob: [UInt8]
    /// How many bytes each content read asks for. At least the tar reader's buffer (256 KiB) takes its path
    /// that reads straight into the caller's memory; an odd small size takes the buffered, unaligned path.
    let chunkSize: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let selector = Int(bytes[0])
        let types = Self.mediaTypes[selector & 0x03]
        mediaType = types[(selector >> 2 & 0x0f) % types.count]
        blob = Array(bytes.dropFirst())
        chunkSize = selector & 0x80 != 0 ? 300 * 1024 : 1021
    }
}

/// Sends the blob through the layer pass with a matching digest and size, and merges the result.
/// - Returns: the pass's results, or nil when it threw (the expected outcome for most inputs).
func scanAsLayer(_ input: FuzzInput) -> [LayerResult]? {
    let blob = input.blob
    let descriptor = Descriptor(mediaType: input.mediaType, digest: Digest.of(blob), size: Int64(blob.count))
    // A request for every small file, so the capture path reads contents instead of skipping them.
    let captureAll = FileRequest(analyzer: "fuzz", maxSize: 4096, matches: { _ in true })
    // A zstd frame of RLE blocks expands 32,768 to 1, so a 1 MiB input could ask for 32 GiB of work: bound it
    // at 64 MiB, where the pass stops the layer with a finding, the path a bomb takes in a real scan.
    let limits = {
        var limits = LayerLimits()
        limits.maxUncompressedBytes = 64 << 20
        return limits
    }()
    let pass = LayerPass(concurrency: 1, requests: [captureAll], limits: limits) {
        EntryChecks(layer: $0, limits: limits)
    }
    guard let results = try? pass.run(layers: [descriptor], diffIDs: [], open: { _ in MemoryByteStream(blob) })
    else { return nil }

    let merged = FileSystem(layers: results.map(\.changes))
    _ = merged.summary
    return results
}

/// Runs the checks that read a finished layer pass (the entry checks ran inside it).
func checkLayers(_ results: [LayerResult]) {
    let fileSystem = FileSystem(layers: results.map(\.changes))
    _ = LayerStreamChecks.findings(layers: results)
    _ = ExtractionReplay.findings(layers: results)
    _ = PrivilegedFiles.findings(fileSystem, layers: results)
}

/// Reads every entry and every content byte of `bytes` as an uncompressed tar, discarding errors.
func readAsTar(_ bytes: [UInt8], chunkSize: Int) {
    var reader = TarReader(MemoryByteStream(bytes))
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { chunk.deallocate() }
    do {
        while let entry = try reader.next() {
            _ = TarPath.normalize(entry.name)
            while try reader.readContents(into: chunk) > 0 {}
        }
        _ = (reader.endOfArchive, reader.trailingDataAfterEnd, reader.globalPAXRecords)
    } catch {
        return
    }
}

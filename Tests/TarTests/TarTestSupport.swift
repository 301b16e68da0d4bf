import TestSupport
import Foundation
import ImageModel
import Tar

/// The shared test corpora: `SAFEGUARD_CORPORA` when set, else `../shared/corpora` next to the package root.
let corporaDirectory: URL = {
    if let path = ProcessInfo.processInfo.environment["SAFEGUARD_CORPORA"] { return URL(fileURLWithPath: path) }
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
}()

/// A folder under `corpora/tar`.
func tarCorpus(_ folder: String) -> URL {
    corporaDirectory.appendingPathComponent("tar").appendingPathComponent(folder)
}

/// Whether a corpus folder exists, for `.enabled(if:)` traits.
func corpusExists(_ folder: String) -> Bool {
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: tarCorpus(folder).path, isDirectory: &isDirectory)
    return exists && isDirectory.boolValue
}

/// File names in a corpus folder with the given suffix, sorted; empty when the folder is missing.
func corpusFiles(_ folder: String, suffix: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: tarCorpus(folder).path)) ?? []
    return names.filter { $0.hasSuffix(suffix) }.sorted()
}

/// The bytes of a corpus file, decompressed when it ends in `.bz2` (bunzip2) or `.gz` (gzip).
func corpusBytes(_ folder: String, _ name: String) throws -> [UInt8] {
    let bytes = [UInt8](try Data(contentsOf: tarCorpus(folder).appendingPathComponent(name)))
    if name.hasSuffix(".bz2") { return try runTool("bunzip2 -c", input: bytes) }
    if name.hasSuffix(".gz") { return try runTool("gzip -dc", input: bytes) }
    return bytes
}

/// An entry with its content as read.
struct ReadEntry {
    var entry: TarEntry
    var content: [UInt8]
}

/// Reads every entry and all of its content; returns them with the reader in its final state.
func readArchive(_ bytes: [UInt8], step: Int = .max) throws
    -> (entries: [ReadEntry], reader: TarReader<TrickleStream>) {
    var reader = TarReader(TrickleStream(bytes, step: step))
    var entries: [ReadEntry] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while let entry = try reader.next() {
        var content: [UInt8] = []
        while true {
            let count = try buffer.withUnsafeMutableBytes { try reader.readContents(into: $0) }
            if count == 0 { break }
            content += buffer[0..<count]
        }
        entries.append(ReadEntry(entry: entry, content: content))
    }
    return (entries, reader)
}

/// Builds tar header blocks for hostile test cases.
struct TarHeaderBuilder {
    var block = [UInt8](repeating: 0, count: 512)

    init(name: String, typeFlag: UInt8 = UInt8(ascii: "0"), size: Int = 0) {
        set(0, Array(name.utf8))
        set(100, Array("0000644\0".utf8))
        set(108, Array("0000000\0".utf8))
        set(116, Array("0000000\0".utf8))
        set(124, Array(String(format: "%011o\0", size).utf8))
        set(136, Array("14000000000\0".utf8))
        block[156] = typeFlag
        set(257, Array("ustar\0".utf8))
        set(263, Array("00".utf8))
    }

    /// Overwrites bytes at `offset` (the checksum is computed by `bytes`).
    mutating func set(_ offset: Int, _ bytes: [UInt8]) {
        block.replaceSubrange(offset..<offset + bytes.count, with: bytes)
    }

    /// The block with a correct checksum.
    var bytes: [UInt8] {
        var result = block
        result.replaceSubrange(148..<156, with: Array("        ".utf8))
        let sum = result.reduce(0) { $0 + Int($1) }
        result.replaceSubrange(148..<156, with: Array(String(format: "%06o\0 ", sum).utf8))
        return result
    }
}

/// Content padded to whole blocks.
func padded(_ content: [UInt8]) -> [UInt8] {
    content + [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
}

/// A PAX record `"<length> key=value\n"` with a correct length.
func paxRecord(_ key: String, _ value: String) -> [UInt8] {
    let body = " \(key)=\(value)\n"
    var length = body.utf8.count + 1
    while String(length).count + body.utf8.count != length { length += 1 }
    return Array("\(length)\(body)".utf8)
}

/// The two zero blocks that end an archive.
let endBlocks = [UInt8](repeating: 0, count: 1024)

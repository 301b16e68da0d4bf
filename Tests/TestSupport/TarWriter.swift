import Foundation

/// Writes small ustar archives for tests, entry by entry, as a layer builder would.
public struct TarWriter {
    /// One entry to write.
    public struct Entry: Sendable {
        public var name: String
        public var type: UInt8
        public var mode: Int
        public var content: [UInt8]
        public var linkName: String

        /// A regular file.
        public static func file(_ name: String, _ content: String = "", mode: Int = 0o644) -> Entry {
            Entry(name: name, type: UInt8(ascii: "0"), mode: mode, content: Array(content.utf8), linkName: "")
        }

        /// A directory.
        public static func directory(_ name: String, mode: Int = 0o755) -> Entry {
            Entry(name: name, type: UInt8(ascii: "5"), mode: mode, content: [], linkName: "")
        }

        /// A symbolic link.
        public static func symlink(_ name: String, to target: String) -> Entry {
            Entry(name: name, type: UInt8(ascii: "2"), mode: 0o777, content: [], linkName: target)
        }
    }

    /// The archive's bytes, end-of-archive blocks included.
    public static func archive(_ entries: [Entry]) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            bytes += header(entry)
            bytes += entry.content
            bytes += [UInt8](repeating: 0, count: (512 - entry.content.count % 512) % 512)
        }
        return bytes + [UInt8](repeating: 0, count: 1024)
    }

    /// Writes the archive to `path`.
    public static func write(_ entries: [Entry], to path: String) throws {
        try Data(archive(entries)).write(to: URL(fileURLWithPath: path))
    }

    private static func header(_ entry: Entry) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let digits = String(String(value, radix: 8).suffix(width - 1)).leftPadded(to: width - 1)
            put(digits, at: offset, width: width - 1)
        }
        put(entry.name, at: 0, width: 100)
        octal(entry.mode, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(entry.content.count, at: 124, width: 12)
        octal(1_700_000_000, at: 136, width: 12)
        block[156] = entry.type
        put(entry.linkName, at: 157, width: 100)
        put("ustar\u{0}00", at: 257, width: 8)
        put("root", at: 265, width: 32)
        put("root", at: 297, width: 32)
        for index in 148..<156 { block[index] = 0x20 }
        let sum = block.reduce(0) { $0 + Int($1) }
        put(String(String(sum, radix: 8)).leftPadded(to: 6) + "\u{0} ", at: 148, width: 8)
        return block
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

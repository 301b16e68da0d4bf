import Foundation
import TestSupport
import Testing
import Zip

/// ZIP64 archives as Python's zipfile writes them (more than 65,535 members) and as large-member writers do (sizes
/// in the ZIP64 extra field), and ZIP64 records that lie.
@Suite struct ZipArchive64Tests {
    static func python(_ script: String, _ arguments: [String] = []) throws -> [UInt8] {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/archive.zip"
        _ = try Shell.run(["python3", "-c", script, path] + arguments)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func archiveOfMoreThan65535MembersIsReadWhole() throws {
        let bytes = try Self.python("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                for i in range(70000): z.writestr(f'r/{i}.json', '{"id": "%d"}' % i)
            """)
        let archive = try ZipArchive(bytes: bytes)
        #expect(archive.entries.count == 70_000)
        let last = try #require(archive.entries.last)
        #expect(last.name == "r/69999.json")
        #expect(try archive.contents(of: last, limit: 1024) == Array(#"{"id": "69999"}"#.utf8))
    }

    /// One stored member whose central directory entry keeps its sizes and offset in the ZIP64 extra field.
    static let extraFieldArchive = """
        import struct, sys, zlib
        data = b'hello zip64'
        crc = zlib.crc32(data)
        name = b'a.txt'
        local = struct.pack('<IHHHHHIIIHH', 0x04034b50, 45, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0)
        blob = local + name + data
        extra = struct.pack('<HHQQQ', 1, 24, len(data), len(data), 0)
        if sys.argv[2] == 'short': extra = struct.pack('<HHQ', 1, 8, len(data))
        central = struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 45, 45, 0, 0, 0, 0, crc, 0xffffffff, 0xffffffff,
                              len(name), len(extra), 0, 0, 0, 0, 0xffffffff) + name + extra
        end = struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 1, 1, len(central), len(blob), 0)
        open(sys.argv[1], 'wb').write(blob + central + end)
        """

    @Test func sizesAndOffsetComeFromTheZip64ExtraField() throws {
        let archive = try ZipArchive(bytes: try Self.python(Self.extraFieldArchive, ["full"]))
        let entry = try #require(archive.entries.first)
        #expect(entry.compressedSize == 11 && entry.uncompressedSize == 11 && entry.localHeaderOffset == 0)
        #expect(try archive.contents(of: entry, limit: 64) == Array("hello zip64".utf8))
    }

    @Test func lyingZip64RecordsAreNamedErrors() throws {
        #expect(throws: ZipArchiveError.zip64RecordInvalid("an entry's ZIP64 extra field is too short")) {
            try ZipArchive(bytes: try Self.python(Self.extraFieldArchive, ["short"]))
        }
        // A locator with no ZIP64 end record before it.
        var bytes = try Self.python("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w') as z: z.writestr('a', 'b')
            """)
        let end = bytes.count - 22
        bytes.insert(contentsOf: [0x50, 0x4b, 0x06, 0x07] + [UInt8](repeating: 0, count: 16), at: end)
        #expect(throws: ZipArchiveError.zip64RecordInvalid("no ZIP64 end record just before its locator")) {
            try ZipArchive(bytes: bytes)
        }
    }
}

import TestSupport
import ImageModel
import Tar
import Testing

@Suite struct TarReaderTests {
    private let file = TarHeaderBuilder(name: "file", size: 3).bytes + padded(Array("abc".utf8))

    @Test(arguments: [1, 100, 512, 4099, Int.max])
    func readsLargeContentAcrossEveryChunkBoundary(step: Int) throws {
        let content = sampleBytes(count: 600_000)
        let archive = TarHeaderBuilder(name: "big", size: content.count).bytes + padded(content) + file + endBlocks
        let (entries, reader) = try readArchive(archive, step: step)
        #expect(entries.map(\.entry.name) == ["big", "file"])
        #expect(entries[0].content == content)
        #expect(entries[1].entry.headerOffset == Int64(512 + padded(content).count))
        #expect(entries[1].entry.dataOffset == entries[1].entry.headerOffset + 512)
        #expect(reader.endOfArchive == .twoZeroBlocks)
    }

    @Test func skipsUnreadContent() throws {
        let content = sampleBytes(count: 300_000)
        var reader = TarReader(MemoryByteStream(TarHeaderBuilder(name: "big", size: content.count).bytes
                                                + padded(content) + file + endBlocks))
        _ = try reader.next()
        var partial = [UInt8](repeating: 0, count: 10)
        #expect(try partial.withUnsafeMutableBytes { try reader.readContents(into: $0) } == 10)
        #expect(partial == Array(content.prefix(10)))
        #expect(try reader.next()?.name == "file")
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }

    @Test(arguments: [
        (endBlocks, TarEndOfArchive.twoZeroBlocks, false),
        ([UInt8](repeating: 0, count: 512), .oneZeroBlock, false),
        ([], .missing, false),
        (endBlocks + [UInt8](repeating: 0, count: 9000), .twoZeroBlocks, false),
        (endBlocks + Array("hidden".utf8), .twoZeroBlocks, true),
        // A lone zero block followed by a whole header: GNU tar -i would read the hidden entry.
        ([UInt8](repeating: 0, count: 512) + TarHeaderBuilder(name: "hidden").bytes + endBlocks, .oneZeroBlock, true),
    ] as [([UInt8], TarEndOfArchive, Bool)])
    func recordsHowTheArchiveEnded(ending: [UInt8], expected: TarEndOfArchive, trailing: Bool) throws {
        let (entries, reader) = try readArchive(file + ending)
        #expect(entries.count == 1)
        #expect(reader.endOfArchive == expected)
        #expect(reader.trailingDataAfterEnd == trailing)
    }

    @Test(arguments: [
        ([0x61, 0x0a, 0x62], "a\\x0ab"),  // newline
        ([0x1b, 0x5b, 0x33, 0x31, 0x6d], "\\x1b[31m"),  // terminal escape
        ([0x61, 0x5c, 0x78, 0x34, 0x31], "a\\\\x41"),  // a literal backslash must not read as an escape
        ([0x68, 0x80, 0xff], "h\\x80\\xff"),  // invalid UTF-8
        ([0xc3, 0xa9, 0x74, 0xc3, 0xa9], "été"),  // valid UTF-8 passes
        ([0xc2, 0x85], "\\xc2\\x85"),  // C1 control NEL
        ([0xed, 0xa0, 0x80], "\\xed\\xa0\\x80"),  // UTF-16 surrogate encoded in UTF-8
        ([0xc0, 0xaf], "\\xc0\\xaf"),  // overlong '/'
    ] as [([UInt8], String)])
    func escapesNamesWithoutDroppingBytes(nameBytes: [UInt8], expected: String) throws {
        let archive = paxHeader(paxRecord("path", "x").dropLast(2) + nameBytes + [0x0a], fixLength: true)
            + TarHeaderBuilder(name: "ignored").bytes + endBlocks
        let (entries, _) = try readArchive(archive)
        #expect(entries.first?.entry.nameBytes == nameBytes)
        #expect(entries.first?.entry.name == expected)
    }

    @Test func appliesOnlyTheLastOfSeveralPAXHeaders() throws {
        let archive = paxHeader(paxRecord("path", "first") + paxRecord("uid", "7"))
            + paxHeader(paxRecord("path", "second")) + TarHeaderBuilder(name: "plain").bytes + endBlocks
        let entry = try #require(try readArchive(archive).entries.first?.entry)
        #expect(entry.name == "second")
        #expect(entry.uid == 0)
        #expect(entry.metaHeaderTypes == [UInt8(ascii: "x"), UInt8(ascii: "x")])
        #expect(entry.headerOffset == 0)
        #expect(entry.format == .pax)
    }

    @Test func keepsGlobalRecordsApartFromEntries() throws {
        let record = paxRecord("path", "g")
        let global = TarHeaderBuilder(name: "global", typeFlag: UInt8(ascii: "g"), size: record.count).bytes
            + padded(record)
        let (entries, reader) = try readArchive(global + file + endBlocks)
        #expect(entries.map(\.entry.name) == ["file"])
        #expect(reader.globalPAXRecords == [PAXRecord(key: "path", value: [UInt8(ascii: "g")])])
    }

    @Test func acceptsASignedChecksum() throws {
        var builder = TarHeaderBuilder(name: "cafe")
        builder.set(0, [0x63, 0x61, 0x66, 0xe9])  // a byte above 0x7f makes signed and unsigned sums differ
        var bytes = builder.bytes
        let signedSum = bytes.enumerated().reduce(0) { sum, item in
            sum + Int((148..<156).contains(item.offset) ? 32 : Int(Int8(bitPattern: item.element)))
        }
        bytes.replaceSubrange(148..<156, with: Array(String(signedSum, radix: 8).leftPadded(to: 6).utf8) + [0, 32])
        #expect(try readArchive(bytes + endBlocks).entries.first?.entry.name == "caf\\xe9")
    }

    @Test func readsBase256Numbers() throws {
        var builder = TarHeaderBuilder(name: "file", size: 0)
        builder.set(124, [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3])  // size 3
        builder.set(108, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe])  // uid -2
        let (entries, _) = try readArchive(builder.bytes + padded(Array("abc".utf8)) + endBlocks)
        #expect(entries.first?.entry.size == 3)
        #expect(entries.first?.entry.uid == -2)
        #expect(entries.first?.content == Array("abc".utf8))
    }

    @Test func consumesAPAX10SparseMapFromTheContent() throws {
        let map = padded(Array("2\n0\n3\n10\n2\n".utf8))
        let data = Array("abcde".utf8)
        let records = paxRecord("GNU.sparse.major", "1") + paxRecord("GNU.sparse.minor", "0")
            + paxRecord("GNU.sparse.name", "real-name") + paxRecord("GNU.sparse.realsize", "20")
        let archive = paxHeader(records)
            + TarHeaderBuilder(name: "GNUSparseFile.0/x", size: map.count + data.count).bytes
            + padded(map + data) + endBlocks
        let read = try #require(try readArchive(archive).entries.first)
        #expect(read.entry.name == "real-name")
        #expect(read.entry.realSize == 20)
        #expect(read.entry.size == 5)
        #expect(read.entry.sparseMap
            == [TarSparseFragment(offset: 0, length: 3), TarSparseFragment(offset: 10, length: 2)])
        #expect(read.content == data)
    }

    @Test func readsContentlessTypesWithoutData() throws {
        // Go ignores the size of links and directories; the next block is the next header.
        let archive = TarHeaderBuilder(name: "dir/", typeFlag: UInt8(ascii: "5"), size: 1024).bytes + file + endBlocks
        let (entries, _) = try readArchive(archive)
        #expect(entries.map(\.entry.name) == ["dir/", "file"])
        #expect(entries[0].entry.declaredSize == 1024)
        #expect(entries[0].entry.size == 0)
    }

    /// A PAX `x` header holding `records`; with `fixLength` the first record's length is recomputed.
    private func paxHeader(_ records: [UInt8], fixLength: Bool = false) -> [UInt8] {
        var content = records
        if fixLength, let space = content.firstIndex(of: 0x20) {
            let body = Array(content[space...])
            var length = body.count + 1
            while String(length).utf8.count + body.count != length { length += 1 }
            content = Array(String(length).utf8) + body
        }
        return TarHeaderBuilder(name: "PaxHeaders/x", typeFlag: UInt8(ascii: "x"), size: content.count).bytes
            + padded(content)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

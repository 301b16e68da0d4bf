import TestSupport
import ImageModel
import Tar
import Testing

/// The kind of a `TarError`, so tables can name the error they expect.
enum TarErrorKind: Sendable {
    case badChecksum, invalidNumericField, negativeSize, fieldTooLong, malformedPAXRecord, invalidPAXValue
    case invalidSparseMap, truncated

    init(_ error: TarError) {
        switch error {
        case .badChecksum: self = .badChecksum
        case .invalidNumericField: self = .invalidNumericField
        case .negativeSize: self = .negativeSize
        case .fieldTooLong: self = .fieldTooLong
        case .malformedPAXRecord: self = .malformedPAXRecord
        case .invalidPAXValue: self = .invalidPAXValue
        case .invalidSparseMap: self = .invalidSparseMap
        case .truncated: self = .truncated
        }
    }
}

/// A hand-built hostile archive and the error it must produce.
struct HostileArchive: Sendable, CustomTestStringConvertible {
    let label: String
    let bytes: [UInt8]
    let expected: TarErrorKind
    var testDescription: String { label }
}

/// A PAX extended header with `records`, followed by a regular file header, content and the end blocks.
private func paxArchive(_ records: [UInt8], declaredSize: Int? = nil, typeFlag: UInt8 = UInt8(ascii: "x")) -> [UInt8] {
    TarHeaderBuilder(name: "PaxHeaders/file", typeFlag: typeFlag, size: declaredSize ?? records.count).bytes
        + padded(records) + TarHeaderBuilder(name: "file", size: 3).bytes + padded(Array("abc".utf8)) + endBlocks
}

/// A regular file header whose bytes at `offset` are replaced after the checksum is computed, or before.
private func header(_ patch: [UInt8], at offset: Int, size: Int = 0, afterChecksum: Bool = false) -> [UInt8] {
    var builder = TarHeaderBuilder(name: "file", size: size)
    if afterChecksum {
        var bytes = builder.bytes
        bytes.replaceSubrange(offset..<offset + patch.count, with: patch)
        return bytes
    }
    builder.set(offset, patch)
    return builder.bytes
}

private let hostileArchives: [HostileArchive] = [
    // One byte of the name changed after the checksum was written.
    HostileArchive(label: "bad checksum", bytes: header(Array("X".utf8), at: 0, afterChecksum: true) + endBlocks,
                   expected: .badChecksum),
    // A checksum field that is not octal at all.
    HostileArchive(label: "checksum field not octal",
                   bytes: header(Array("zzzzzz\0 ".utf8), at: 148, afterChecksum: true) + endBlocks,
                   expected: .badChecksum),
    // Size field with a non-octal digit in the middle.
    HostileArchive(label: "size with non-octal garbage",
                   bytes: header(Array("0000012x456\0".utf8), at: 124) + endBlocks,
                   expected: .invalidNumericField),
    // Size field with an 8, which octal does not have.
    HostileArchive(label: "size with digit 8", bytes: header(Array("00000000008\0".utf8), at: 124) + endBlocks,
                   expected: .invalidNumericField),
    // Base-256 size of eleven 0xff bytes: far beyond Int64.
    HostileArchive(label: "base-256 size overflowing Int64",
                   bytes: header([0x80] + [UInt8](repeating: 0xff, count: 11), at: 124) + endBlocks,
                   expected: .invalidNumericField),
    // Base-256 size of exactly 2^63: one past Int64.max.
    HostileArchive(label: "base-256 size of 2^63",
                   bytes: header([0x80, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0], at: 124) + endBlocks,
                   expected: .invalidNumericField),
    // Base-256 two's-complement -1 on a regular file.
    HostileArchive(label: "negative base-256 size",
                   bytes: header([UInt8](repeating: 0xff, count: 12), at: 124) + endBlocks, expected: .negativeSize),
    // The record claims 99 bytes but the header holds 20.
    HostileArchive(label: "PAX record length larger than the header",
                   bytes: paxArchive(Array("99 path=abcdefghijk\n".utf8)), expected: .malformedPAXRecord),
    // The length is not a number.
    HostileArchive(label: "PAX record length not a number", bytes: paxArchive(Array("1x path=a\n".utf8)),
                   expected: .malformedPAXRecord),
    // A record without '=' between key and value.
    HostileArchive(label: "PAX record without '='", bytes: paxArchive(Array("11 pathabc\n".utf8)),
                   expected: .malformedPAXRecord),
    // The length is right but the last byte is not a newline.
    HostileArchive(label: "PAX record not ending in newline", bytes: paxArchive(Array("11 path=abX".utf8)),
                   expected: .malformedPAXRecord),
    // A NUL inside linkpath would cut the target short for C extractors.
    HostileArchive(label: "NUL in a PAX linkpath", bytes: paxArchive(paxRecord("linkpath", "a\0b")),
                   expected: .invalidPAXValue),
    // A uid that is not a number.
    HostileArchive(label: "PAX uid not a number", bytes: paxArchive(paxRecord("uid", "root")),
                   expected: .invalidPAXValue),
    // A size beyond Int64.
    HostileArchive(label: "PAX size overflowing Int64", bytes: paxArchive(paxRecord("size", "99999999999999999999")),
                   expected: .invalidPAXValue),
    // An mtime with letters in the fraction.
    HostileArchive(label: "PAX mtime with a bad fraction", bytes: paxArchive(paxRecord("mtime", "1.2x")),
                   expected: .invalidPAXValue),
    // A PAX header declaring one byte over the 1 MiB bound: rejected before anything is read.
    HostileArchive(label: "PAX header over 1 MiB", bytes: paxArchive([], declaredSize: (1 << 20) + 1),
                   expected: .fieldTooLong),
    // A global header is bounded the same way.
    HostileArchive(label: "PAX global header over 1 MiB",
                   bytes: paxArchive([], declaredSize: (1 << 20) + 1, typeFlag: UInt8(ascii: "g")),
                   expected: .fieldTooLong),
    // A GNU long name over 64 KiB.
    HostileArchive(label: "GNU long name over 64 KiB",
                   bytes: paxArchive([], declaredSize: 64 * 1024 + 1, typeFlag: UInt8(ascii: "L")),
                   expected: .fieldTooLong),
    // A sparse map whose two fragments overlap.
    HostileArchive(label: "overlapping sparse fragments",
                   bytes: paxArchive(paxRecord("GNU.sparse.major", "0") + paxRecord("GNU.sparse.minor", "1")
                                     + paxRecord("GNU.sparse.size", "100") + paxRecord("GNU.sparse.numblocks", "2")
                                     + paxRecord("GNU.sparse.map", "0,10,5,10")), expected: .invalidSparseMap),
    // A fragment ending beyond the real size.
    HostileArchive(label: "sparse fragment beyond the real size",
                   bytes: paxArchive(paxRecord("GNU.sparse.map", "90,20") + paxRecord("GNU.sparse.numblocks", "1")
                                     + paxRecord("GNU.sparse.size", "100")), expected: .invalidSparseMap),
    // A negative fragment offset.
    HostileArchive(label: "negative sparse offset",
                   bytes: paxArchive(paxRecord("GNU.sparse.map", "-1,2") + paxRecord("GNU.sparse.numblocks", "1")
                                     + paxRecord("GNU.sparse.size", "100")), expected: .invalidSparseMap),
    // numblocks disagreeing with the map.
    HostileArchive(label: "sparse numblocks not matching the map",
                   bytes: paxArchive(paxRecord("GNU.sparse.map", "0,2") + paxRecord("GNU.sparse.numblocks", "3")
                                     + paxRecord("GNU.sparse.size", "100")), expected: .invalidSparseMap),
    // A count past the sparse-map bound.
    HostileArchive(label: "sparse map over the fragment bound",
                   bytes: paxArchive(paxRecord("GNU.sparse.map", "0,2") + paxRecord("GNU.sparse.numblocks", "1000000")
                                     + paxRecord("GNU.sparse.size", "100")), expected: .fieldTooLong),
    // The stream stops 100 bytes into a 1000-byte file.
    HostileArchive(label: "stream ending mid-entry",
                   bytes: TarHeaderBuilder(name: "file", size: 1000).bytes + [UInt8](repeating: 0x41, count: 100),
                   expected: .truncated),
    // The stream stops inside the second header block.
    HostileArchive(label: "stream ending mid-header",
                   bytes: TarHeaderBuilder(name: "file").bytes
                       + Array(TarHeaderBuilder(name: "next").bytes.prefix(200)),
                   expected: .truncated),
    // The content is complete but its padding is cut.
    HostileArchive(label: "stream ending in the padding",
                   bytes: TarHeaderBuilder(name: "file", size: 10).bytes + [UInt8](repeating: 0x41, count: 100),
                   expected: .truncated),
    // A PAX header whose content is cut off.
    HostileArchive(label: "stream ending inside a PAX header",
                   bytes: Array(paxArchive(paxRecord("path", String(repeating: "a", count: 900))).prefix(900)),
                   expected: .truncated),
]

@Suite struct TarHostileInputTests {
    @Test(arguments: hostileArchives)
    func rejectsHostileArchive(_ archive: HostileArchive) throws {
        let error = #expect(throws: TarError.self) { try readArchive(archive.bytes) }
        if let error { #expect(TarErrorKind(error) == archive.expected, "\(error)") }
    }

    @Test func namesTheEntryAndOffsetInErrors() throws {
        let archive = TarHeaderBuilder(name: "first", size: 3).bytes + padded(Array("abc".utf8))
            + header(Array("0000012x456\0".utf8), at: 124) + endBlocks
        let error = #expect(throws: TarError.self) { try readArchive(archive) }
        #expect(error?.description
            == "tar entry 1 (header at byte 1024): numeric field size is not a valid octal or base-256 number")
    }

    // A FuzzLayer regression: a size of Int64.max plus its one byte of padding overflowed, and trapped, when
    // `next()` skipped the unread content. It must end as a truncated archive.
    @Test func skipsAnEntryOfTheLargestSizeWithoutOverflowing() throws {
        let archive = header([0x80, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], at: 124)
            + [UInt8](repeating: 0x41, count: 512)
        var reader = TarReader(MemoryByteStream(archive))
        let entry = try #require(try reader.next())
        #expect(entry.size == .max)
        let error = #expect(throws: TarError.self) { try reader.next() }
        if let error { #expect(TarErrorKind(error) == .truncated, "\(error)") }
    }

    @Test func reportsTheTruncatedEntryByName() throws {
        let archive = TarHeaderBuilder(name: "big.bin", size: 5000).bytes + [UInt8](repeating: 1, count: 600)
        let error = #expect(throws: TarError.self) { try readArchive(archive) }
        #expect(error?.description.contains("\"big.bin\"") == true)
        #expect(error?.description.contains("byte 1112") == true)
    }
}

/// Byte ranges of the header fields, as laid out by V7, ustar, GNU and star.
enum TarField {
    static let name = 0..<100
    static let mode = 100..<108
    static let uid = 108..<116
    static let gid = 116..<124
    static let size = 124..<136
    static let modificationTime = 136..<148
    static let checksum = 148..<156
    static let typeFlag = 156
    static let linkName = 157..<257
    static let magic = 257..<263
    static let version = 263..<265
    static let userName = 265..<297
    static let groupName = 297..<329
    static let deviceMajor = 329..<337
    static let deviceMinor = 337..<345
    static let ustarPrefix = 345..<500
    static let starPrefix = 345..<476
    static let starTrailer = 508..<512
    static let gnuAccessTime = 345..<357
    static let gnuChangeTime = 357..<369
    static let gnuSparse = 386..<482
    static let gnuIsExtended = 482
    static let gnuRealSize = 483..<495
    /// An extension block of old GNU sparse headers: 21 entries, then the "more follow" flag.
    static let sparseExtensionEntries = 0..<504
    static let sparseExtensionIsExtended = 504
    static let sparseEntrySize = 24
}

/// Parsing of one 512-byte header block in place.
struct TarHeaderBlock {
    let bytes: UnsafeRawBufferPointer

    /// Whether every byte of the block is zero (an end-of-archive marker).
    var isZero: Bool {
        // Eight bytes at a time; the block may sit at any alignment in the input buffer.
        var combined: UInt64 = 0
        for offset in stride(from: 0, to: tarBlockSize, by: 8) {
            combined |= bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        return combined == 0
    }

    /// The format the magic and trailer fields announce.
    var format: TarFormat {
        if matches(TarField.magic, Array("ustar\0".utf8)) {
            return matches(TarField.starTrailer, Array("tar\0".utf8)) ? .star : .ustar
        }
        if matches(TarField.magic, Array("ustar ".utf8)), matches(TarField.version, Array(" \0".utf8)) {
            return .gnu
        }
        return .v7
    }

    /// Whether the stored checksum equals the unsigned or the signed sum of the block with the checksum
    /// field read as spaces; historic tars computed it with signed chars, so both are accepted as tar does.
    var checksumMatches: Bool {
        guard let stored = octal(TarField.checksum) else { return false }
        // Sum the whole block, then swap the checksum field's bytes for the eight spaces it counts as.
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for byte in bytes {
            unsigned += Int64(byte)
            signed += Int64(Int8(bitPattern: byte))
        }
        for index in TarField.checksum {
            unsigned -= Int64(bytes[index])
            signed -= Int64(Int8(bitPattern: bytes[index]))
        }
        let spaces = Int64(TarField.checksum.count) * Int64(UInt8(ascii: " "))
        return stored == unsigned + spaces || stored == signed + spaces
    }

    var typeFlag: UInt8 { bytes[TarField.typeFlag] }

    /// The bytes of a string field up to its first NUL.
    func string(_ range: Range<Int>) -> [UInt8] {
        let field = bytes[range]
        return Array(field.prefix { $0 != 0 })
    }

    /// A numeric field in octal or, when the top bit of its first byte is set, GNU base-256
    /// (two's complement when the second-highest bit is set too). nil when the field is invalid or
    /// does not fit in 64 bits, as Go's `parseNumeric`.
    func numeric(_ range: Range<Int>) -> Int64? {
        let first = bytes[range.lowerBound]
        guard first & 0x80 != 0 else { return octal(range) }
        let inversion: UInt8 = first & 0x40 != 0 ? 0xff : 0
        var value: UInt64 = 0
        for index in range {
            var byte = bytes[index] ^ inversion
            if index == range.lowerBound { byte &= 0x7f }
            // Why: a hostile header can fill all 12 bytes; shifting past 64 bits would wrap silently.
            guard value >> 56 == 0 else { return nil }
            value = value << 8 | UInt64(byte)
        }
        guard value >> 63 == 0 else { return nil }
        return inversion == 0xff ? ~Int64(value) : Int64(value)
    }

    /// An octal field, padded with spaces or NULs on either side; empty means 0.
    func octal(_ range: Range<Int>) -> Int64? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] == 0 || bytes[lower] == UInt8(ascii: " ") { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0 || bytes[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
        if lower == upper { return 0 }
        var value: Int64 = 0
        for index in lower..<upper {
            let byte = bytes[index]
            if byte == 0 { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7") else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 8)
            guard !overflow else { return nil }
            value = shifted + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private func matches(_ range: Range<Int>, _ expected: [UInt8]) -> Bool {
        bytes[range].elementsEqual(expected)
    }
}

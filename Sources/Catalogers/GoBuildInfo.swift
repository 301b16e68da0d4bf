import Foundation

/// The build information the Go linker embeds in a binary: the toolchain version and the module information text
/// (`cmd/go`'s `path`/`mod`/`dep`/`=>`/`build` lines), as `debug/buildinfo` reads them.
///
/// The blob starts with a 32-byte header: the 14-byte magic `\xff Go buildinf:`, the pointer size, a flags byte
/// (bit 0: big endian, bit 1: strings inline), then two pointers. Since Go 1.18 the flags say "inline" and the
/// version and module strings follow the header, each prefixed with its length as an unsigned varint; before, the
/// pointers lead to them (`GoBuildInfo+Pointers.swift`).
struct GoBuildInfo: Equatable {
    /// The toolchain version, e.g. `go1.19.8`.
    var goVersion: String
    /// The module information text, sentinels removed; empty for a binary built outside module mode.
    var moduleInfo: String

    /// Why a Go binary's build information could not be read.
    enum ParseError: Error, CustomStringConvertible, Equatable {
        case elf(String)
        case pointerSize(Int)
        case unmappedAddress(field: String, address: UInt64)
        case pastSegment(field: String, address: UInt64, length: UInt64, available: UInt64)
        case truncated(field: String)
        case lengthTooLarge(field: String, length: UInt64, available: Int)
        case badVarint(field: String)

        var description: String {
            switch self {
            case .elf(let message): message
            case .pointerSize(let size): "Go build information states a pointer size of \(size), not 4 or 8"
            case .unmappedAddress(let field, let address):
                "Go build information's \(field) address 0x\(String(address, radix: 16)) lies in no loaded segment"
            case .pastSegment(let field, let address, let length, let available):
                "Go build information's \(field) (\(length) bytes at 0x\(String(address, radix: 16))) runs past the "
                    + "end of its segment, which holds \(available) bytes from there"
            case .truncated(let field): "Go build information is cut off in the \(field)"
            case .lengthTooLarge(let field, let length, let available):
                "Go build information's \(field) claims \(length) bytes, but only \(available) remain"
            case .badVarint(let field): "Go build information's \(field) length is not a valid varint"
            }
        }
    }

    static let magic: [UInt8] = [0xff] + Array(" Go buildinf:".utf8)
    static let headerSize = 32
    /// `debug/buildinfo` looks for the magic at 16-byte aligned addresses only.
    static let alignment: UInt64 = 16
    static let flagsOffset = 15
    static let inlineFlag: UInt8 = 0x2
    /// `cmd/go` wraps the module text in 16 bytes on each side, so a reader can find it in memory.
    static let sentinelSize = 16
    /// A 64-bit varint takes at most 10 bytes.
    static let maxVarintBytes = 10

    /// Whether `bytes` are an ELF file holding the build information magic anywhere: the only files `read` can
    /// find build information in, so the layer pass keeps just these of all the executables it reads.
    static func mayBeGoBinary(_ bytes: [UInt8]) -> Bool {
        guard ELFImage.hasIdentification(bytes) else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count >= magic.count else { return false }
            let last = buffer.count - magic.count
            var index = 0
            // memchr finds each candidate first byte quickly, even in an unoptimised build.
            while index <= last, let found = memchr(base + index, Int32(magic[0]), last - index + 1) {
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index, magic, magic.count) == 0 { return true }
                index += 1
            }
            return false
        }
    }

    /// Marks bytes that `reduced` wrote. No ELF file starts with it, and only ELF files reach the reduction.
    static let reducedMarker = Array("safeguard-go-buildinfo\n".utf8)

    /// What the layer pass keeps of a Go binary: its build information alone, behind `reducedMarker`, as
    /// `goVersion`, a newline, then the module text. A binary whose build information cannot be read is kept
    /// whole, so the cataloger can say why.
    @Sendable static func reduced(_ bytes: [UInt8]) -> [UInt8] {
        guard let info = try? read(elf: bytes) else { return bytes }
        return reducedMarker + Array(info.goVersion.utf8) + [UInt8(ascii: "\n")] + Array(info.moduleInfo.utf8)
    }

    /// The build information in the ELF file `bytes`, or nil when it is not a Go binary.
    ///
    /// As `debug/buildinfo` does, it looks in the `.go.buildinfo` section, or, in a file without one, in the
    /// writable data segments, where the linker places the blob first.
    static func read(elf bytes: [UInt8]) throws(ParseError) -> GoBuildInfo? {
        let image: ELFImage
        do {
            image = try ELFImage(bytes)
        } catch {
            throw .elf(error.description)
        }
        switch image.sectionRange(named: ".go.buildinfo") {
        case .success(let range)?:
            guard bytes[range].starts(with: magic) else { return nil }
            return try decode(image, at: range.lowerBound, end: range.upperBound)
        case .failure(let error)?:
            throw .elf(error.description)
        case nil:
            for (range, address) in image.dataSegments {
                if let start = findMagic(in: bytes[range], address: address) {
                    return try decode(image, at: start, end: range.upperBound)
                }
            }
            return nil
        }
    }

    /// The index of the first magic in `region` whose address (the region starts at `address`) is aligned.
    static func findMagic(in region: ArraySlice<UInt8>, address: UInt64) -> Int? {
        let skew = Int((alignment - address % alignment) % alignment)
        var index = region.startIndex + skew
        while index + magic.count <= region.endIndex {
            if region[index..<index + magic.count].elementsEqual(magic) { return index }
            index += Int(alignment)
        }
        return nil
    }

    /// Decodes the blob at `start` in `image`, reading nothing of the inline form at or past `end`.
    static func decode(_ image: ELFImage, at start: Int, end: Int) throws(ParseError) -> GoBuildInfo {
        let bytes = image.bytes
        guard end - start >= headerSize else { throw .truncated(field: "header") }
        guard bytes[start + flagsOffset] & inlineFlag != 0 else { return try decodePointers(image, at: start) }
        var cursor = start + headerSize
        let version = try string(bytes, at: &cursor, end: end, field: "Go version")
        let module = try string(bytes, at: &cursor, end: end, field: "module information")
        return GoBuildInfo(goVersion: String(decoding: version, as: UTF8.self),
                           moduleInfo: String(decoding: withoutSentinels(module), as: UTF8.self))
    }

    /// The module text inside its sentinels; as `debug/buildinfo` does, text not framed by them is no module
    /// information, so nothing.
    static func withoutSentinels(_ module: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard module.count > 2 * sentinelSize, module[module.endIndex - sentinelSize - 1] == UInt8(ascii: "\n") else {
            return []
        }
        return module.dropFirst(sentinelSize).dropLast(sentinelSize)
    }

    /// The varint-length-prefixed string at `cursor`, which moves past it.
    ///
    /// Why the checks: the length is the file's to choose; it is compared with what remains before any slice is
    /// taken, so a huge or cut-off length gives an error, never a read past `end` or an allocation of that size.
    private static func string(_ bytes: [UInt8], at cursor: inout Int, end: Int, field: String)
        throws(ParseError) -> ArraySlice<UInt8>
    {
        var length: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard cursor < end else { throw .truncated(field: field + " length") }
            guard shift < UInt64(maxVarintBytes * 7) else { throw .badVarint(field: field) }
            let byte = bytes[cursor]
            cursor += 1
            // The tenth byte may only carry the top bit of a 64-bit value.
            guard shift < 63 || byte <= 1 else { throw .badVarint(field: field) }
            length |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard length <= UInt64(end - cursor) else {
            throw .lengthTooLarge(field: field, length: length, available: end - cursor)
        }
        defer { cursor += Int(length) }
        return bytes[cursor..<cursor + Int(length)]
    }
}

extension GoBuildInfo {
    /// Build information that `reduced` kept, or nil for any other bytes.
    init?(reduced bytes: [UInt8]) {
        guard bytes.starts(with: Self.reducedMarker) else { return nil }
        let body = bytes.dropFirst(Self.reducedMarker.count)
        guard let newline = body.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        self.init(goVersion: String(decoding: body[..<newline], as: UTF8.self),
                  moduleInfo: String(decoding: body[(newline + 1)...], as: UTF8.self))
    }
}

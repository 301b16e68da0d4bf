/// A minimal ELF file holding Go build information, built byte by byte so tests can cover both classes and byte
/// orders and break any field: a file header, one read-write `PT_LOAD` segment over the blob, and the sections
/// null, `.go.buildinfo` and `.shstrtab`.
struct GoBinaryFixture {
    var is64Bit = true
    var isBigEndian = false
    var goVersion = "go1.22.1"
    var moduleText = "path\texample.com/app\nmod\texample.com/app\tv1.0.0\th1:abc=\n"
    /// The blob's flags byte; bit 1 set is the inline (Go 1.18+) format, clear the pointer (Go 1.13–1.17) format.
    var flags: UInt8 = 0x2
    var withSections = true

    /// Where the blob starts: 16-byte aligned, after the headers.
    static let blobOffset = 0x100
    static let blobAddress: UInt64 = 0x50_0000
    /// The 16-byte sentinels `cmd/go` frames the module text with.
    static let sentinel: [UInt8] = Array(repeating: 0xf9, count: 16)

    var word: Int { is64Bit ? 8 : 4 }
    var tables: Int { is64Bit ? 0x20 : 0x1c }
    var sectionEntrySize: Int { is64Bit ? 0x40 : 0x28 }
    var segmentEntrySize: Int { is64Bit ? 0x38 : 0x20 }
    var programHeaderOffset: Int { is64Bit ? 64 : 52 }

    /// The build information blob: header, then the two varint-prefixed strings; or, in the pointer format,
    /// the header, the two string headers it points to, then the strings those point to.
    var blob: [UInt8] {
        var bytes: [UInt8] = [0xff] + Array(" Go buildinf:".utf8) + [UInt8(word), flags | (isBigEndian ? 1 : 0)]
        bytes += [UInt8](repeating: 0, count: 16)
        let module = moduleText.isEmpty ? [] : Self.sentinel + Array(moduleText.utf8) + Self.sentinel
        guard flags & 0x2 == 0 else {
            for text in [Array(goVersion.utf8), module] { bytes += Self.varint(UInt64(text.count)) + text }
            return bytes
        }
        let headers = Self.pointerHeadersOffset
        let strings = headers + 4 * word
        bytes += [UInt8](repeating: 0, count: strings - bytes.count)
        put(&bytes, Self.blobAddress + UInt64(headers), at: 16, width: word)
        put(&bytes, Self.blobAddress + UInt64(headers + 2 * word), at: 16 + word, width: word)
        put(&bytes, Self.blobAddress + UInt64(strings), at: headers, width: word)
        put(&bytes, UInt64(goVersion.utf8.count), at: headers + word, width: word)
        // An empty module string, as a binary built outside module mode has, points nowhere.
        put(&bytes, module.isEmpty ? 0 : Self.blobAddress + UInt64(strings + goVersion.utf8.count),
            at: headers + 2 * word, width: word)
        put(&bytes, UInt64(module.count), at: headers + 3 * word, width: word)
        return bytes + Array(goVersion.utf8) + module
    }

    /// In the pointer format, where the two string headers start in the blob: right after its 32-byte header.
    static let pointerHeadersOffset = 32

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }

    /// Where the section table starts in `bytes`.
    var sectionTableOffset: Int { (Self.blobOffset + blob.count + Self.names.count + 15) / 16 * 16 }
    static let names: [UInt8] = [0] + Array(".go.buildinfo\0.shstrtab\0".utf8)

    /// The whole file.
    var bytes: [UInt8] {
        let blob = blob
        var file = [UInt8](repeating: 0, count: sectionTableOffset + (withSections ? 3 * sectionEntrySize : 0))
        file.replaceSubrange(0..<7, with: [0x7f, 0x45, 0x4c, 0x46, is64Bit ? 2 : 1, isBigEndian ? 2 : 1, 1])
        put(&file, 2, at: 16, width: 2)
        put(&file, 1, at: 20, width: 4)
        put(&file, UInt64(programHeaderOffset), at: tables, width: word)
        put(&file, withSections ? UInt64(sectionTableOffset) : 0, at: tables + word, width: word)
        let counts = tables + 2 * word + 6
        put(&file, UInt64(segmentEntrySize), at: counts, width: 2)
        put(&file, 1, at: counts + 2, width: 2)
        put(&file, UInt64(sectionEntrySize), at: counts + 4, width: 2)
        put(&file, withSections ? 3 : 0, at: counts + 6, width: 2)
        put(&file, withSections ? 2 : 0, at: counts + 8, width: 2)

        let segment = programHeaderOffset
        put(&file, 1, at: segment, width: 4)
        put(&file, 6, at: segment + (is64Bit ? 4 : 0x18), width: 4)
        put(&file, UInt64(Self.blobOffset), at: segment + (is64Bit ? 8 : 4), width: word)
        put(&file, Self.blobAddress, at: segment + (is64Bit ? 0x10 : 8), width: word)
        put(&file, UInt64(blob.count), at: segment + (is64Bit ? 0x20 : 0x10), width: word)

        file.replaceSubrange(Self.blobOffset..<Self.blobOffset + blob.count, with: blob)
        let namesOffset = Self.blobOffset + blob.count
        file.replaceSubrange(namesOffset..<namesOffset + Self.names.count, with: Self.names)
        if withSections {
            writeSection(&file, 1, name: 1, type: 1, offset: Self.blobOffset, size: blob.count)
            writeSection(&file, 2, name: 15, type: 3, offset: namesOffset, size: Self.names.count)
        }
        return file
    }

    /// The file offset of section `index`'s `sh_offset` and `sh_size` fields, for tests that corrupt them.
    func sectionField(_ index: Int, size: Bool) -> Int {
        sectionTableOffset + index * sectionEntrySize + 8 + (size ? 3 : 2) * word
    }

    private func writeSection(_ file: inout [UInt8], _ index: Int, name: UInt64, type: UInt64, offset: Int,
                              size: Int) {
        let base = sectionTableOffset + index * sectionEntrySize
        put(&file, name, at: base, width: 4)
        put(&file, type, at: base + 4, width: 4)
        put(&file, UInt64(offset), at: sectionField(index, size: false), width: word)
        put(&file, UInt64(size), at: sectionField(index, size: true), width: word)
    }

    /// Writes `value` at `offset` in this fixture's byte order.
    func put(_ file: inout [UInt8], _ value: UInt64, at offset: Int, width: Int) {
        for index in 0..<width {
            let shift = UInt64(8 * (isBigEndian ? width - 1 - index : index))
            file[offset + index] = UInt8(truncatingIfNeeded: value >> shift)
        }
    }
}

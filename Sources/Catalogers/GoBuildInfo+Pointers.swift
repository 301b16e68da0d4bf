/// The build information of binaries from Go 1.13 to 1.17, before it was written inline.
///
/// There, the 32-byte header's flags byte is 0 (little endian) or 1 (big endian), and the two pointer-sized words
/// after it are the virtual addresses of `runtime.buildVersion` and `runtime.modinfo`: Go string headers, each a
/// pointer to the bytes and a length, in the byte order and pointer size (4 or 8) the header states.
extension GoBuildInfo {
    /// Where the two pointers start in the header.
    static let pointersOffset = 16

    /// The version and module text the pointer-form header at `start` of `image` points to.
    ///
    /// Why every read goes through `ELFImage.fileRange`: the pointers, the string headers and the lengths in them
    /// are the file's to choose. Each is resolved to file bytes of a loaded segment, and checked to lie wholly
    /// inside them, before any byte is read; a string is never allocated from a length the file states.
    static func decodePointers(_ image: ELFImage, at start: Int) throws(ParseError) -> GoBuildInfo {
        let bytes = image.bytes
        let pointerSize = Int(bytes[start + magic.count])
        guard pointerSize == 4 || pointerSize == 8 else { throw .pointerSize(pointerSize) }
        // As `debug/buildinfo` reads it: in this form, any non-zero flags byte means big endian.
        let reader = FieldReader(bytes: bytes, isBigEndian: bytes[start + flagsOffset] != 0)
        let pointers = start + pointersOffset
        let version = try string(at: reader.unsigned(at: pointers, width: pointerSize), in: image, reader: reader,
                                 pointerSize: pointerSize, field: "Go version")
        let module = try string(at: reader.unsigned(at: pointers + pointerSize, width: pointerSize), in: image,
                                reader: reader, pointerSize: pointerSize, field: "module information")
        return GoBuildInfo(goVersion: String(decoding: version, as: UTF8.self),
                           moduleInfo: String(decoding: withoutSentinels(module), as: UTF8.self))
    }

    /// The bytes of the Go string whose header is at virtual address `address`.
    private static func string(at address: UInt64, in image: ELFImage, reader: FieldReader, pointerSize: Int,
                               field: String) throws(ParseError) -> ArraySlice<UInt8> {
        let header = try read(address, size: UInt64(2 * pointerSize), in: image, what: field + " string header")
        let data = reader.unsigned(at: header.lowerBound, width: pointerSize)
        let length = reader.unsigned(at: header.lowerBound + pointerSize, width: pointerSize)
        // An empty string (a binary built outside module mode) has no bytes to map; its pointer may be anything.
        guard length > 0 else { return [] }
        return image.bytes[try read(data, size: length, in: image, what: field)]
    }

    /// The file range of `size` bytes at `address`, or an error naming `what` and the address.
    private static func read(_ address: UInt64, size: UInt64, in image: ELFImage, what: String)
        throws(ParseError) -> Range<Int>
    {
        switch image.fileRange(virtualAddress: address, size: size) {
        case .success(let range): return range
        case .failure(.unmapped): throw .unmappedAddress(field: what, address: address)
        case .failure(.pastSegment(let available)):
            throw .pastSegment(field: what, address: address, length: size, available: available)
        }
    }
}

import CISAL

extension ZipArchive {
    /// Fixed part of a local header, before its name and extra field.
    static let localHeaderSize = 30
    static let localHeaderSignature: UInt32 = 0x0403_4b50
    static let storedMethod: UInt16 = 0
    static let deflateMethod: UInt16 = 8

    /// The uncompressed bytes of `entry`, at most `limit` of them.
    ///
    /// Why the limit: the declared size comes from the file, and deflate expands up to 1,032 times, so a member of
    /// a few kilobytes can claim, or quietly inflate to, gigabytes. The output buffer is sized from the declared
    /// size only after it has been checked against `limit`, and inflation stops one byte past the declared size.
    /// - Throws: `ZipArchiveError` naming the member.
    public func contents(of entry: Entry, limit: Int) throws(ZipArchiveError) -> [UInt8] {
        let start = try dataOffset(of: entry)
        guard entry.uncompressedSize <= limit else {
            throw .memberTooLarge(member: entry.name, declared: entry.uncompressedSize, limit: limit)
        }
        switch entry.method {
        case Self.storedMethod:
            guard entry.compressedSize == entry.uncompressedSize else { throw .storedSizeMismatch(member: entry.name) }
            // A shortcoming: a stored member's CRC-32 is not checked (the ISA-L shim exposes no CRC routine yet),
            // so a stored member altered after signing is read as it is.
            return Array(bytes[start..<start + entry.compressedSize])
        case Self.deflateMethod: return try inflate(entry, from: start)
        default: throw .unsupportedMethod(member: entry.name, method: entry.method)
        }
    }

    /// Where `entry`'s data starts, after its local header, checked to lie wholly inside the archive.
    ///
    /// The sizes come from the central directory: a local header may hold zeros when a data descriptor follows.
    private func dataOffset(of entry: Entry) throws(ZipArchiveError) -> Int {
        let header = entry.localHeaderOffset
        guard header >= 0, bytes.count - header >= Self.localHeaderSize,
              Self.uint32(bytes, header) == Self.localHeaderSignature
        else { throw .localHeaderInvalid(member: entry.name) }
        let start = header + Self.localHeaderSize + Int(Self.uint16(bytes, header + 26))
            + Int(Self.uint16(bytes, header + 28))
        guard start <= bytes.count, bytes.count - start >= entry.compressedSize else {
            throw .localHeaderInvalid(member: entry.name)
        }
        return start
    }

    /// Inflates raw deflate data with ISA-L into a buffer one byte longer than declared, so that a member that
    /// inflates past its declared size is caught without inflating the rest of it.
    private func inflate(_ entry: Entry, from start: Int) throws(ZipArchiveError) -> [UInt8] {
        let state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        defer { state.deallocate() }
        isal_inflate_init(state)
        // Raw deflate, as zip stores it, with the CRC-32 of the output computed (no gzip header or trailer read).
        state.pointee.crc_flag = UInt32(ISAL_GZIP_NO_HDR)
        let capacity = entry.uncompressedSize + 1
        var status: Int32 = 0
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            bytes.withUnsafeBufferPointer { input in
                state.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + start)
                state.pointee.avail_in = UInt32(entry.compressedSize)
                state.pointee.next_out = buffer.baseAddress!
                state.pointee.avail_out = UInt32(capacity)
                status = isal_inflate(state)
            }
            count = capacity - Int(state.pointee.avail_out)
        }
        guard status == ISAL_DECOMP_OK || status == ISAL_END_INPUT || status == ISAL_OUT_OVERFLOW else {
            throw .inflateFailed(member: entry.name, status: status)
        }
        if output.count > entry.uncompressedSize {
            throw .inflatesPastDeclaredSize(member: entry.name, declared: entry.uncompressedSize)
        }
        // With all input given and room left, ISA-L stops only at the end of the stream or of the input.
        guard state.pointee.block_state == ISAL_BLOCK_FINISH else {
            throw .inflateFailed(member: entry.name, status: ISAL_END_INPUT)
        }
        guard output.count == entry.uncompressedSize else {
            throw .inflatesShort(member: entry.name, declared: entry.uncompressedSize, produced: output.count)
        }
        guard state.pointee.crc == entry.crc32 else { throw .checksumMismatch(member: entry.name) }
        return output
    }
}

/// Reading an ELF file's bytes by the virtual addresses the loader maps them at.
extension ELFImage {
    /// Why `size` bytes at a virtual address could not be read from the file.
    enum AddressError: Error, Equatable {
        /// No loadable segment's file bytes contain the address.
        case unmapped
        /// The address is in a segment, but the segment's file bytes end before `size` bytes do.
        case pastSegment(available: UInt64)
    }

    /// The file range of the `size` bytes the loader maps at `address`: within the file bytes of the first
    /// `PT_LOAD` segment that contains `address`, as `debug/buildinfo` reads them.
    ///
    /// Why every step is checked: the address, the size and the segment table are the file's to choose. The
    /// subtractions are ordered so none can wrap, a segment is only used as far as the file holds its bytes, and
    /// the range is returned only once all of it lies inside both.
    func fileRange(virtualAddress address: UInt64, size: UInt64) -> Result<Range<Int>, AddressError> {
        for index in 0..<segmentCount {
            let segment = segment(at: index)
            guard segment.type == Self.loadType, address >= segment.virtualAddress else { continue }
            let skip = address - segment.virtualAddress
            // A segment cut off by the end of the file is readable as far as it goes.
            let inFile = min(segment.fileSize, UInt64(bytes.count) - min(segment.offset, UInt64(bytes.count)))
            guard skip < inFile else { continue }
            let available = inFile - skip
            guard size <= available else { return .failure(.pastSegment(available: available)) }
            let start = Int(segment.offset + skip)
            return .success(start..<start + Int(size))
        }
        return .failure(.unmapped)
    }
}

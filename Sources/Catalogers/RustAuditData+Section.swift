/// Finding the compressed list in an ELF file, and what the layer pass keeps of it.
extension RustAuditData {
    /// Marks bytes that `reduced` wrote from a readable section: the compressed list follows. No ELF file starts
    /// with it, and only ELF files reach the reduction.
    static let reducedMarker = Array("safeguard-rust-dep-v0\n".utf8)
    /// Marks bytes that `reduced` wrote from a section it could not take: why follows, as text.
    static let unreadableMarker = Array("safeguard-rust-dep-v0-unreadable\n".utf8)

    /// Whether `bytes` are an ELF file with a `.dep-v0` section: the only executables this cataloger reads, so
    /// the layer pass keeps just these of all it reads. A section that runs past the end of the file counts, so
    /// that the cataloger can say so.
    @Sendable static func mayBeAuditable(_ bytes: [UInt8]) -> Bool {
        guard ELFImage.hasIdentification(bytes), let image = try? ELFImage(bytes) else { return false }
        return image.sectionRange(named: sectionName) != nil
    }

    /// What the layer pass keeps of an auditable executable: its compressed list alone behind `reducedMarker`, or
    /// why it could not be taken behind `unreadableMarker`; a few KB instead of the whole program.
    @Sendable static func reduced(_ bytes: [UInt8]) -> [UInt8] {
        switch compressedSection(elf: bytes) {
        case .success(let section)?: reducedMarker + section
        case .failure(let error)?: unreadableMarker + Array(error.description.utf8)
        case nil: bytes
        }
    }

    /// The `.dep-v0` section of the ELF file `bytes`, still compressed; nil when it has none.
    static func compressedSection(elf bytes: [UInt8]) -> Result<ArraySlice<UInt8>, ParseError>? {
        let image: ELFImage
        do { image = try ELFImage(bytes) } catch { return .failure(.elf(error.description)) }
        switch image.sectionRange(named: sectionName) {
        case .success(let range)?:
            // Why the limit: the section's size is the file's to choose; a real list compresses to a few KB.
            guard range.count <= maxCompressedSize else {
                return .failure(.sectionTooLarge(size: range.count, limit: maxCompressedSize))
            }
            return .success(bytes[range])
        case .failure(let error)?: return .failure(.elf(error.description))
        case nil: return nil
        }
    }

    /// The compressed list in bytes the layer pass kept: a reduction, or an ELF file kept whole. Nil when the
    /// bytes are neither a readable ELF file with a `.dep-v0` section nor a reduction of one.
    static func compressedList(in bytes: [UInt8]) -> Result<ArraySlice<UInt8>, ParseError>? {
        if bytes.starts(with: reducedMarker) { return .success(bytes.dropFirst(reducedMarker.count)) }
        if bytes.starts(with: unreadableMarker) {
            let reason = String(decoding: bytes.dropFirst(unreadableMarker.count), as: UTF8.self)
            return .failure(.elf(reason))
        }
        // An ELF file kept whole was kept by another request (a Go binary whose build information is unreadable):
        // unless it has the section, its faults are that cataloger's to report.
        guard mayBeAuditable(bytes) else { return nil }
        return compressedSection(elf: bytes)
    }

    /// Inflates and parses a compressed list.
    init(compressed: ArraySlice<UInt8>) throws(ParseError) {
        let json: [UInt8]
        do { json = try ZlibStream.inflate(compressed, limit: Self.maxJSONSize) } catch { throw .inflate(error) }
        try self.init(json: json)
    }
}

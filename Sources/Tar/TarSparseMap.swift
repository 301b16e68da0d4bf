/// The most data fragments a sparse map may list.
///
/// Why: the map is held in memory and its length is chosen by the archive's author (a PAX 1.0 map in the
/// content can claim any count). 65,536 fragments (1 MiB of map) covers sparse database and disk-image
/// files seen in practice; anything larger in a container layer is an attack or a mistake worth reporting.
let tarMaximumSparseFragments = 65_536

/// The longest decimal token in a PAX 1.0 sparse map: 19 digits of an Int64, a sign, and slack for leading zeros.
let tarMaximumSparseTokenLength = 32

/// The sparse fields of an old GNU sparse header (type `S`), read before the extension blocks replace the block.
struct OldGNUSparseHeader {
    var fragments: [TarSparseFragment]
    var isExtended: Bool
    var realSize: Int64

    init(_ block: TarHeaderBlock, at location: TarLocation) throws {
        // star uses the same type flag with a different layout; Go accepts it only in GNU headers.
        guard block.format == .gnu else {
            throw TarError.invalidSparseMap(location, reason: "type S outside a GNU header")
        }
        guard let realSize = block.numeric(TarField.gnuRealSize) else {
            throw TarError.invalidNumericField(location, field: "realsize")
        }
        self.realSize = realSize
        fragments = try parseOldGNUSparseEntries(block, in: TarField.gnuSparse, at: location)
        isExtended = block.bytes[TarField.gnuIsExtended] != 0
    }
}

/// The 24-byte offset/length entries of an old GNU sparse area, up to the first one whose offset starts with NUL.
private func parseOldGNUSparseEntries(_ block: TarHeaderBlock, in area: Range<Int>,
                                      at location: TarLocation) throws -> [TarSparseFragment] {
    var fragments: [TarSparseFragment] = []
    for start in stride(from: area.lowerBound, to: area.upperBound, by: TarField.sparseEntrySize) {
        if block.bytes[start] == 0 { break }
        guard let offset = block.numeric(start..<start + 12), let length = block.numeric(start + 12..<start + 24) else {
            throw TarError.invalidNumericField(location, field: "sparse map entry")
        }
        fragments.append(TarSparseFragment(offset: offset, length: length))
    }
    return fragments
}

extension TarReader {
    /// Completes an old GNU sparse map from its extension blocks, which sit between the header and the content.
    mutating func readOldGNUSparseMap(_ header: OldGNUSparseHeader, into entry: inout TarEntry,
                                      at location: TarLocation) throws {
        var fragments = header.fragments
        var isExtended = header.isExtended
        while isExtended {
            guard case .block(let bytes) = try input.nextBlock() else {
                throw TarError.truncated(location, streamOffset: input.offset, inside: "a GNU sparse extension header")
            }
            let block = TarHeaderBlock(bytes: bytes)
            fragments += try parseOldGNUSparseEntries(block, in: TarField.sparseExtensionEntries, at: location)
            isExtended = bytes[TarField.sparseExtensionIsExtended] != 0
            try checkFragmentCount(fragments.count, at: location)
        }
        entry.realSize = header.realSize
        try finishSparse(fragments, into: &entry, at: location)
    }

    /// Reads a GNU sparse map carried by PAX records (formats 0.0, 0.1) or at the start of the content (1.0).
    mutating func readPAXSparseMap(into entry: inout TarEntry, at location: TarLocation) throws {
        guard !entry.paxRecords.isEmpty else { return }
        var latest: [String: [UInt8]] = [:]
        var pairs: [[UInt8]] = []
        for record in entry.paxRecords {
            switch record.key {
            case PAXKey.sparseOffset, PAXKey.sparseNumberOfBytes:
                // Format 0.0 repeats offset/numbytes records; Go checks they alternate and hold no comma.
                let expected = pairs.count % 2 == 0 ? PAXKey.sparseOffset : PAXKey.sparseNumberOfBytes
                guard record.key == expected, !record.value.contains(UInt8(ascii: ",")) else {
                    throw TarError.invalidSparseMap(location, reason: "GNU.sparse.offset/numbytes records out of order")
                }
                pairs.append(record.value)
            default:
                latest[record.key] = record.value
            }
        }
        if !pairs.isEmpty { latest[PAXKey.sparseMap] = Array(pairs.joined(separator: [UInt8(ascii: ",")])) }

        let major = latest[PAXKey.sparseMajor] ?? []
        let minor = latest[PAXKey.sparseMinor] ?? []
        let isVersion1: Bool
        switch (String(decoding: major, as: UTF8.self), String(decoding: minor, as: UTF8.self)) {
        case ("0", "0"), ("0", "1"): isVersion1 = false
        case ("1", "0"): isVersion1 = true
        case _ where !major.isEmpty || !minor.isEmpty: return  // an unknown version: read as a plain file, as Go does
        case _ where !(latest[PAXKey.sparseMap] ?? []).isEmpty: isVersion1 = false
        default: return
        }

        if let name = latest[PAXKey.sparseName], !name.isEmpty { entry.nameBytes = name }
        let sizeValue = latest[PAXKey.sparseSize].flatMap { $0.isEmpty ? nil : $0 }
            ?? latest[PAXKey.sparseRealSize] ?? []
        if !sizeValue.isEmpty {
            guard let size = parseDecimal(sizeValue) else {
                throw TarError.invalidPAXValue(location, key: PAXKey.sparseSize, reason: "not a decimal integer")
            }
            entry.realSize = size
        }
        let fragments = isVersion1 ? try readSparseMapFromContent(at: location)
            : try parseSparseMapRecords(latest, at: location)
        entry.size = remainingData
        try finishSparse(fragments, into: &entry, at: location)
    }

    /// Format 0.1: `GNU.sparse.numblocks` and a comma-separated `GNU.sparse.map`.
    private func parseSparseMapRecords(_ latest: [String: [UInt8]],
                                       at location: TarLocation) throws -> [TarSparseFragment] {
        guard let count = parseDecimal(latest[PAXKey.sparseNumberOfBlocks] ?? []), count >= 0 else {
            throw TarError.invalidSparseMap(location, reason: "GNU.sparse.numblocks is not a non-negative integer")
        }
        try checkFragmentCount(count, at: location)
        let map = latest[PAXKey.sparseMap] ?? []
        let numbers = map.isEmpty ? [] : map.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard numbers.count == 2 * count else {
            let reason = "GNU.sparse.map holds \(numbers.count) numbers, not \(2 * count)"
            throw TarError.invalidSparseMap(location, reason: reason)
        }
        return try stride(from: 0, to: numbers.count, by: 2).map { index in
            guard let offset = parseDecimal(numbers[index]), let length = parseDecimal(numbers[index + 1]) else {
                throw TarError.invalidSparseMap(location, reason: "GNU.sparse.map holds a value that is not an integer")
            }
            return TarSparseFragment(offset: offset, length: length)
        }
    }

    /// Format 1.0: newline-separated decimals in whole blocks at the start of the content: the count, then
    /// offset and length for each fragment. Parsed block by block without buffering the map.
    private mutating func readSparseMapFromContent(at location: TarLocation) throws -> [TarSparseFragment] {
        var numbers: [Int64] = []
        var needed = 1
        var token: [UInt8] = []
        var block = [UInt8](repeating: 0, count: tarBlockSize)
        while numbers.count < needed {
            guard remainingData >= Int64(tarBlockSize) else {
                throw TarError.invalidSparseMap(location, reason: "the map runs past the entry's content")
            }
            var filled = 0
            while filled < tarBlockSize {
                let count = try block.withUnsafeMutableBytes { buffer in
                    try input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]),
                                   limit: Int64(tarBlockSize - filled))
                }
                guard count > 0 else {
                    throw TarError.truncated(location, streamOffset: input.offset, inside: "a GNU sparse map")
                }
                filled += count
            }
            remainingData -= Int64(tarBlockSize)

            for byte in block where numbers.count < needed {
                guard byte == UInt8(ascii: "\n") else {
                    token.append(byte)
                    guard token.count <= tarMaximumSparseTokenLength else {
                        throw TarError.invalidSparseMap(location, reason: "a number in the map is too long")
                    }
                    continue
                }
                guard let number = parseDecimal(token) else {
                    throw TarError.invalidSparseMap(location, reason: "the map holds a value that is not an integer")
                }
                token.removeAll(keepingCapacity: true)
                numbers.append(number)
                if numbers.count == 1 {
                    guard number >= 0 else {
                        throw TarError.invalidSparseMap(location, reason: "negative fragment count")
                    }
                    try checkFragmentCount(number, at: location)
                    needed = 1 + 2 * Int(number)
                }
            }
        }
        return stride(from: 1, to: numbers.count, by: 2).map {
            TarSparseFragment(offset: numbers[$0], length: numbers[$0 + 1])
        }
    }

    private func checkFragmentCount(_ count: some BinaryInteger, at location: TarLocation) throws {
        guard count <= tarMaximumSparseFragments else {
            throw TarError.fieldTooLong(location, field: "sparse map", size: Int64(count),
                                        limit: Int64(tarMaximumSparseFragments))
        }
    }

    /// Checks a sparse map as Go and BSD tar do and stores it in the entry.
    private func finishSparse(_ fragments: [TarSparseFragment], into entry: inout TarEntry,
                              at location: TarLocation) throws {
        guard !isHeaderOnly(entry.typeFlag) else {
            throw TarError.invalidSparseMap(location, reason: "a sparse map on an entry type without content")
        }
        guard entry.realSize >= 0 else { throw TarError.invalidSparseMap(location, reason: "negative real size") }
        var previousEnd: Int64 = 0
        for fragment in fragments {
            // Why: a consumer expanding the file trusts these to stay inside the file and not overlap.
            guard fragment.offset >= 0, fragment.length >= 0 else {
                throw TarError.invalidSparseMap(location, reason: "negative offset or length")
            }
            guard fragment.offset <= Int64.max - fragment.length,
                  fragment.offset + fragment.length <= entry.realSize else {
                let reason = "a fragment ends beyond the real size \(entry.realSize)"
                throw TarError.invalidSparseMap(location, reason: reason)
            }
            guard previousEnd <= fragment.offset else {
                throw TarError.invalidSparseMap(location, reason: "fragments overlap or are out of order")
            }
            previousEnd = fragment.offset + fragment.length
        }
        entry.sparseMap = fragments
    }
}

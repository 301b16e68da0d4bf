extension TarReader {
    /// Builds the entry of a file header block with the pending meta headers applied, and positions the
    /// reader at the entry's content.
    mutating func makeEntry(_ block: TarHeaderBlock, pending: PendingMetadata,
                            at start: TarLocation) throws -> TarEntry {
        var location = start
        var entry = try entryFromHeader(block, at: location)
        // Old GNU sparse maps start in the header block, which is only valid until the next read.
        let oldSparse = entry.typeFlag == UInt8(ascii: "S") ? try OldGNUSparseHeader(block, at: location) : nil

        if let records = pending.paxRecords { try apply(records, to: &entry, at: location) }
        if let longName = pending.longName, !longName.isEmpty { entry.nameBytes = longName }
        if let longLinkName = pending.longLinkName, !longLinkName.isEmpty { entry.linkNameBytes = longLinkName }
        entry.metaHeaderTypes = pending.types
        location.entryName = escapedText(entry.nameBytes)
        currentLocation = location

        entry.type = entryType(flag: entry.typeFlag, nameBytes: entry.nameBytes)
        let storedSize = isHeaderOnly(entry.typeFlag) ? 0 : entry.declaredSize
        guard storedSize >= 0 else { throw TarError.negativeSize(location, size: storedSize) }
        entry.size = storedSize
        entry.realSize = entry.declaredSize
        remainingData = storedSize
        padding = Int64((tarBlockSize - Int(storedSize % Int64(tarBlockSize))) % tarBlockSize)

        if let oldSparse {
            try readOldGNUSparseMap(oldSparse, into: &entry, at: location)
        } else {
            try readPAXSparseMap(into: &entry, at: location)
        }
        entry.name = escapedText(entry.nameBytes)
        entry.linkName = escapedText(entry.linkNameBytes)
        entry.headerOffset = location.headerOffset
        entry.dataOffset = input.offset
        return entry
    }

    /// The fields of the header block itself, before any extended header is applied.
    private func entryFromHeader(_ block: TarHeaderBlock, at location: TarLocation) throws -> TarEntry {
        func number(_ range: Range<Int>, _ field: String) throws -> Int64 {
            guard let value = block.numeric(range) else { throw TarError.invalidNumericField(location, field: field) }
            return value
        }
        var entry = TarEntry()
        entry.format = block.format
        entry.headerFormat = block.format
        entry.typeFlag = block.typeFlag
        entry.nameBytes = block.string(TarField.name)
        entry.headerNameBytes = entry.nameBytes
        entry.linkNameBytes = block.string(TarField.linkName)
        entry.declaredSize = try number(TarField.size, "size")
        entry.mode = UInt32(truncatingIfNeeded: try number(TarField.mode, "mode"))
        entry.uid = try number(TarField.uid, "uid")
        entry.gid = try number(TarField.gid, "gid")
        entry.modificationTime = TarTimestamp(seconds: try number(TarField.modificationTime, "mtime"), nanoseconds: 0)
        guard entry.format != .v7 else { return entry }

        entry.userName = escapedText(block.string(TarField.userName))
        entry.groupName = escapedText(block.string(TarField.groupName))
        entry.deviceMajor = try number(TarField.deviceMajor, "devmajor")
        entry.deviceMinor = try number(TarField.deviceMinor, "devminor")
        var prefix: [UInt8] = []
        switch entry.format {
        case .ustar: prefix = block.string(TarField.ustarPrefix)
        case .star: prefix = block.string(TarField.starPrefix)
        case .gnu:
            // Go before 1.8 wrote a ustar prefix into GNU headers; Go reads such a prefix when the GNU
            // time fields do not parse, so Safeguard does too, to see the same name.
            if block.numeric(TarField.gnuAccessTime) == nil || block.numeric(TarField.gnuChangeTime) == nil {
                let candidate = block.string(TarField.ustarPrefix)
                if candidate.allSatisfy({ $0 < 0x80 }) { prefix = candidate }
            }
        case .v7, .pax: break
        }
        entry.headerVersion = Array(block.bytes[TarField.version])
        entry.prefixBytes = prefix
        if !prefix.isEmpty { entry.nameBytes = prefix + [UInt8(ascii: "/")] + entry.nameBytes }
        entry.headerNameBytes = entry.nameBytes
        return entry
    }

    /// Applies a PAX extended header; as in Go, duplicates resolve to the last value and empty values
    /// keep the header's own field.
    private func apply(_ records: [PAXRecord], to entry: inout TarEntry, at location: TarLocation) throws {
        func integer(_ key: String, _ value: [UInt8]) throws -> Int64 {
            guard let number = parseDecimal(value) else {
                throw TarError.invalidPAXValue(location, key: key, reason: "not a decimal integer")
            }
            return number
        }
        entry.format = .pax
        entry.paxRecords = records
        var latest: [String: [UInt8]] = [:]
        for record in records { latest[record.key] = record.value }
        for (key, value) in latest where !value.isEmpty {
            switch key {
            case PAXKey.path: entry.nameBytes = value
            case PAXKey.linkPath: entry.linkNameBytes = value
            case PAXKey.userName: entry.userName = escapedText(value)
            case PAXKey.groupName: entry.groupName = escapedText(value)
            case PAXKey.uid: entry.uid = try integer(key, value)
            case PAXKey.gid: entry.gid = try integer(key, value)
            case PAXKey.size: entry.declaredSize = try integer(key, value)
            case PAXKey.modificationTime, PAXKey.accessTime, PAXKey.changeTime:
                guard let time = parsePAXTime(value) else {
                    throw TarError.invalidPAXValue(location, key: key, reason: "not a time in seconds[.fraction]")
                }
                if key == PAXKey.modificationTime { entry.modificationTime = time }
            default:
                if key.hasPrefix(PAXKey.xattrPrefix) {
                    entry.xattrs[String(key.dropFirst(PAXKey.xattrPrefix.count))] = value
                }
            }
        }
    }

    private func entryType(flag: UInt8, nameBytes: [UInt8]) -> TarEntryType {
        switch flag {
        case 0: nameBytes.last == UInt8(ascii: "/") ? .directory : .regular
        case UInt8(ascii: "0"), UInt8(ascii: "S"): .regular
        case UInt8(ascii: "1"): .hardLink
        case UInt8(ascii: "2"): .symbolicLink
        case UInt8(ascii: "3"): .characterDevice
        case UInt8(ascii: "4"): .blockDevice
        case UInt8(ascii: "5"), UInt8(ascii: "D"): .directory
        case UInt8(ascii: "6"): .fifo
        case UInt8(ascii: "7"): .contiguous
        default: .other(flag)
        }
    }

    /// Types whose content Go's archive/tar never reads, whatever size their header declares.
    func isHeaderOnly(_ flag: UInt8) -> Bool {
        (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(flag)
    }
}

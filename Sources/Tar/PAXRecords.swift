/// Why a PAX extended header or one of its values was rejected, before the reader adds the location.
enum PAXProblem: Error {
    case malformedRecord(offset: Int, reason: String)
    case invalidValue(key: String, reason: String)
}

/// PAX keys with a meaning to the reader.
enum PAXKey {
    static let path = "path"
    static let linkPath = "linkpath"
    static let userName = "uname"
    static let groupName = "gname"
    static let uid = "uid"
    static let gid = "gid"
    static let size = "size"
    static let modificationTime = "mtime"
    static let accessTime = "atime"
    static let changeTime = "ctime"
    static let xattrPrefix = "SCHILY.xattr."
    static let sparseMajor = "GNU.sparse.major"
    static let sparseMinor = "GNU.sparse.minor"
    static let sparseName = "GNU.sparse.name"
    static let sparseSize = "GNU.sparse.size"
    static let sparseRealSize = "GNU.sparse.realsize"
    static let sparseNumberOfBlocks = "GNU.sparse.numblocks"
    static let sparseMap = "GNU.sparse.map"
    static let sparseOffset = "GNU.sparse.offset"
    static let sparseNumberOfBytes = "GNU.sparse.numbytes"
}

/// Splits the content of a PAX extended header into `"<length> <key>=<value>\n"` records.
///
/// The checks are Go's `parsePAXRecord`: the length counts the whole record and must stay inside the
/// header; the record ends in a newline; the key is non-empty; `path`, `linkpath`, `uname` and `gname`
/// values and all other keys hold no NUL. Why: a NUL cuts a C string short, so the name a C extractor
/// sees would differ from the one scanned.
func parsePAXRecords(_ data: [UInt8]) throws(PAXProblem) -> [PAXRecord] {
    var records: [PAXRecord] = []
    var position = 0
    while position < data.count {
        let record = try parsePAXRecord(data, at: position)
        records.append(record.record)
        position = record.end
    }
    return records
}

private func parsePAXRecord(_ data: [UInt8], at start: Int) throws(PAXProblem) -> (record: PAXRecord, end: Int) {
    let space = UInt8(ascii: " ")
    guard let spaceIndex = data[start...].firstIndex(of: space) else {
        throw .malformedRecord(offset: start, reason: "no space after the length")
    }
    guard let length = parseDecimal(data[start..<spaceIndex]), length >= 5,
          length <= Int64(data.count - start) else {
        throw .malformedRecord(offset: start, reason: "length is not a number between 5 and the bytes left")
    }
    let end = start + Int(length)
    guard spaceIndex + 1 < end - 1 else { throw .malformedRecord(offset: start, reason: "length too short") }
    guard data[end - 1] == UInt8(ascii: "\n") else {
        throw .malformedRecord(offset: start, reason: "record does not end in a newline")
    }

    let body = data[(spaceIndex + 1)..<(end - 1)]
    guard let equals = body.firstIndex(of: UInt8(ascii: "=")) else {
        throw .malformedRecord(offset: start, reason: "no '=' between key and value")
    }
    let keyBytes = body[body.startIndex..<equals]
    let value = Array(body[(equals + 1)...])
    guard !keyBytes.isEmpty else { throw .malformedRecord(offset: start, reason: "empty key") }
    let key = escapedText(keyBytes)
    switch key {
    case PAXKey.path, PAXKey.linkPath, PAXKey.userName, PAXKey.groupName:
        if value.contains(0) { throw .invalidValue(key: key, reason: "value contains a NUL byte") }
    default:
        if keyBytes.contains(0) { throw .malformedRecord(offset: start, reason: "key \(key) contains a NUL byte") }
    }
    return (PAXRecord(key: key, value: value), end)
}

/// A decimal integer with an optional sign, as Go's `strconv.ParseInt(s, 10, 64)`; nil when invalid or overflowing.
func parseDecimal(_ bytes: some Collection<UInt8>) -> Int64? {
    var digits = bytes[...]
    var negative = false
    if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
        negative = sign == UInt8(ascii: "-")
        digits = digits.dropFirst()
    }
    guard !digits.isEmpty else { return nil }
    var magnitude: UInt64 = 0
    for byte in digits {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
        guard !overflow1, !overflow2, sum <= UInt64(Int64.max) + (negative ? 1 : 0) else { return nil }
        magnitude = sum
    }
    return negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
}

/// A PAX time, `seconds[.fraction]`, as Go's `parsePAXTime`: fractions past nanoseconds are cut off,
/// and a negative time's fraction counts towards the past.
func parsePAXTime(_ bytes: [UInt8]) -> TarTimestamp? {
    let dot = bytes.firstIndex(of: UInt8(ascii: "."))
    guard let seconds = parseDecimal(bytes[..<(dot ?? bytes.count)]) else { return nil }
    guard let dot else { return TarTimestamp(seconds: seconds, nanoseconds: 0) }
    let fraction = bytes[(dot + 1)...]
    guard fraction.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
    var nanoseconds: Int32 = 0
    for position in 0..<9 {
        let digit = position < fraction.count ? Int32(fraction[fraction.startIndex + position] - UInt8(ascii: "0")) : 0
        nanoseconds = nanoseconds * 10 + digit
    }
    if bytes.first == UInt8(ascii: "-"), nanoseconds > 0 {
        guard seconds > Int64.min else { return nil }
        return TarTimestamp(seconds: seconds - 1, nanoseconds: 1_000_000_000 - nanoseconds)
    }
    return TarTimestamp(seconds: seconds, nanoseconds: nanoseconds)
}

/// A set of ASCII markers searched for case-insensitively in one pass over bytes.
///
/// The pass offers every executable and script of every layer to the detectors; most bytes match nothing, so
/// each position costs one lookup in a table of the markers' first two bytes before any comparison.
struct NeedleSet: Sendable {
    private let needles: [[UInt8]]
    /// Bit `b0 << 8 | b1` is set when some needle starts with those two (lowercased) bytes.
    private let prefixBits: [UInt64]
    /// Needle indexes by their first two bytes.
    private let byPrefix: [UInt16: [Int]]

    /// Creates the set; every needle must be at least two bytes long.
    init(_ markers: [String]) {
        let needles = markers.map { Array($0.lowercased().utf8) }.filter { $0.count >= 2 }
        var bits = [UInt64](repeating: 0, count: 1024)
        var byPrefix: [UInt16: [Int]] = [:]
        for (index, needle) in needles.enumerated() {
            let key = UInt16(needle[0]) << 8 | UInt16(needle[1])
            bits[Int(key >> 6)] |= 1 << UInt64(key & 63)
            byPrefix[key, default: []].append(index)
        }
        self.needles = needles
        self.prefixBits = bits
        self.byPrefix = byPrefix
    }

    /// The offsets in `bytes[range]` where some needle starts, in order.
    func hits(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, first: Bool = false) -> [Int] {
        let range = range ?? 0..<bytes.count
        var found: [Int] = []
        guard range.count >= 2 else { return found }
        var position = range.lowerBound
        while position < range.upperBound - 1 {
            let key = UInt16(lowered[Int(bytes[position])]) << 8 | UInt16(lowered[Int(bytes[position + 1])])
            if prefixBits[Int(key >> 6)] & (1 << UInt64(key & 63)) != 0,
               byPrefix[key]!.contains(where: { matches(needles[$0], in: bytes, at: position, end: range.upperBound) })
            {
                found.append(position)
                if first { return found }
            }
            position += 1
        }
        return found
    }

    /// Whether any needle occurs in `bytes`.
    func occurs(in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { !hits(in: $0, first: true).isEmpty }
    }

    /// Whether any needle occurs in `text`.
    func occurs(in text: some StringProtocol) -> Bool { occurs(in: Array(text.utf8)) }

    private func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> Bool {
        guard position + needle.count <= end else { return false }
        for offset in 2..<max(2, needle.count) where lowered[Int(bytes[position + offset])] != needle[offset] {
            return false
        }
        return true
    }
}

/// ASCII lowercasing by table; other bytes unchanged.
private let lowered: [UInt8] = (0...255).map { byte in
    (0x41...0x5a).contains(byte) ? UInt8(byte + 0x20) : UInt8(byte)
}

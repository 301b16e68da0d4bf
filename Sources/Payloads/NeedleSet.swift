/// A set of ASCII markers searched for case-insensitively in one pass over bytes.
///
/// The pass offers every executable and script of every layer to the detectors; most bytes match nothing, so
/// each position costs one table lookup (the last four bytes, hashed into a bit table) before any comparison.
/// Common two-letter pairs (`en`, `cu`) would stop at most positions of a binary; four bytes rarely do.
struct NeedleSet: Sendable {
    /// The shortest marker: four bytes make the filter selective.
    static let minimumLength = 4
    /// Bits of the hashed filter: 2^16 bits (8 KiB) stay in the first-level cache, and a few hundred markers set
    /// under 1% of them.
    private static let filterBits = 16

    private let needles: [[UInt8]]
    private let filter: [UInt64]
    /// Needle indexes by their first four (lowercased) bytes, read as a big-endian word.
    private let byPrefix: [UInt32: [Int]]

    /// Creates the set; markers shorter than `minimumLength` are a programming error.
    init(_ markers: [String]) {
        let needles = markers.map { Array($0.lowercased().utf8) }
        precondition(needles.allSatisfy { $0.count >= Self.minimumLength }, "markers must have four bytes or more")
        var filter = [UInt64](repeating: 0, count: 1 << (Self.filterBits - 6))
        var byPrefix: [UInt32: [Int]] = [:]
        for (index, needle) in needles.enumerated() {
            let word = needle.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let bit = Self.hash(word)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
            byPrefix[word, default: []].append(index)
        }
        self.needles = needles
        self.filter = filter
        self.byPrefix = byPrefix
    }

    private static func hash(_ word: UInt32) -> Int { Int((word &* 2_654_435_761) >> UInt32(32 - filterBits)) }

    /// The first offset at or after `start` where some needle starts.
    func firstHit(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let base = bytes.baseAddress, bytes.count - start >= Self.minimumLength else { return nil }
        return lowered.withUnsafeBufferPointer { lower in
            filter.withUnsafeBufferPointer { bits in
                // The word rolls: each step shifts in one lowered byte, so every byte is looked up once.
                var word = UInt32(0)
                for position in start..<(start + 3) { word = word << 8 | UInt32(lower[Int(base[position])]) }
                for end in (start + 3)..<bytes.count {
                    word = word << 8 | UInt32(lower[Int(base[end])])
                    let bit = Self.hash(word)
                    guard bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let candidates = byPrefix[word] else {
                        continue
                    }
                    let position = end - 3
                    if candidates.contains(where: { matches(needles[$0], in: bytes, at: position) }) { return position }
                }
                return nil
            }
        }
    }

    /// Whether any needle occurs in `bytes`.
    func occurs(in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { firstHit(in: $0) != nil }
    }

    /// Whether any needle occurs in `text`.
    func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstHit(in: $0) != nil }
    }

    private func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        guard position + needle.count <= bytes.count else { return false }
        for offset in 4..<max(4, needle.count) where lowered[Int(bytes[position + offset])] != needle[offset] {
            return false
        }
        return true
    }
}

/// ASCII lowercasing by table; other bytes unchanged.
private let lowered: [UInt8] = (0...255).map { byte in
    (0x41...0x5a).contains(byte) ? UInt8(byte + 0x20) : UInt8(byte)
}

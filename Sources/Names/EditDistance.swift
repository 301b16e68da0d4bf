/// Edit distance between names, counting a swap of two neighbouring characters as one edit (optimal string
/// alignment, the restricted Damerau–Levenshtein distance): `ngnix` is one edit from `nginx`, as a typist sees it.
enum EditDistance {
    /// Names longer than this are not compared. References stop at 255 characters and every official name is
    /// far shorter; the bound keeps the quadratic table small whatever a hostile label holds.
    static let maxLength = 128

    /// The distance between `a` and `b`, or nil when it exceeds `limit` (or either is longer than `maxLength`).
    static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard a.count <= maxLength, b.count <= maxLength, abs(a.count - b.count) <= limit else { return nil }
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }

        let width = b.count + 1
        var twoBack = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, twoBack[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            // Every later row is at least this row's minimum: stop once the limit is out of reach.
            guard rowMinimum <= limit else { return nil }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}

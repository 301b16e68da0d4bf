extension PEP440Version {
    /// Compares as `packaging`'s `_cmpkey`: epoch, release, pre, post, dev, local.
    func compare(to other: PEP440Version) -> Int {
        let epochOrder = epoch.compare(to: other.epoch)
        if epochOrder != 0 { return epochOrder }
        let releaseOrder = Self.compare(significantRelease, other.significantRelease)
        if releaseOrder != 0 { return releaseOrder }
        let preOrder = compareValues(preRank, other.preRank)
        if preOrder != 0 { return preOrder }
        if let pre, let otherPre = other.pre {
            if pre.phase != otherPre.phase { return compareValues(pre.phase.rawValue, otherPre.phase.rawValue) }
            let order = pre.number.compare(to: otherPre.number)
            if order != 0 { return order }
        }
        // No post-release sorts before any; no dev release sorts after any.
        let postOrder = Self.compare(post, other.post, missingFirst: true)
        if postOrder != 0 { return postOrder }
        let devOrder = Self.compare(dev, other.dev, missingFirst: false)
        if devOrder != 0 { return devOrder }
        return Self.compare(local, other.local)
    }

    /// 0 for a dev release of the final (before every pre-release), 1 for a pre-release, 2 for anything else.
    private var preRank: Int {
        if pre != nil { return 1 }
        return post == nil && dev != nil ? 0 : 2
    }

    private static func compare(_ a: ArraySlice<Numeral>, _ b: ArraySlice<Numeral>) -> Int {
        for (x, y) in zip(a, b) {
            let order = x.compare(to: y)
            if order != 0 { return order }
        }
        return compareValues(a.count, b.count)
    }

    private static func compare(_ a: Numeral?, _ b: Numeral?, missingFirst: Bool) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return missingFirst ? -1 : 1
        case (_, nil): return missingFirst ? 1 : -1
        case let (x?, y?): return x.compare(to: y)
        }
    }

    /// No local label sorts first; parts compare pairwise, a number after any text; a shorter label that is a prefix
    /// of a longer one sorts first.
    private static func compare(_ a: [LocalPart]?, _ b: [LocalPart]?) -> Int {
        guard let a, let b else { return compareValues(a == nil ? 0 : 1, b == nil ? 0 : 1) }
        for (x, y) in zip(a, b) {
            let order: Int
            switch (x, y) {
            case let (.number(m), .number(n)): order = m.compare(to: n)
            case let (.text(s), .text(t)): order = compareBytes(s, t)
            case (.number, .text): order = 1
            case (.text, .number): order = -1
            }
            if order != 0 { return order }
        }
        return compareValues(a.count, b.count)
    }
}

extension MavenVersion {
    /// `ComparableVersion.compareTo` over the flattened lists, in one loop: entering a sub-list on both sides is
    /// moving past both markers, since a sub-list is always the last item of its parent.
    func compare(to other: MavenVersion) -> Int {
        let a = items
        let b = other.items
        var i = 0
        var j = 0
        while true {
            guard i < a.count else { return j < b.count ? -Self.compareWithNothing(b[j...]) : 0 }
            guard j < b.count else { return Self.compareWithNothing(a[i...]) }
            switch (a[i], b[j]) {
            case (.subList, .subList):
                break
            case (.subList, .number): return -1
            case (.subList, _): return 1
            case (.number, .subList): return 1
            case (_, .subList): return -1
            case let (left, right):
                let order = Self.compare(left, right)
                if order != 0 { return order }
            }
            i += 1
            j += 1
        }
    }

    /// How the rest of a list compares with a list that has ended: its first item that differs from nothing decides.
    private static func compareWithNothing(_ rest: ArraySlice<Item>) -> Int {
        for item in rest {
            let order: Int
            switch item {
            case .number(let value): order = value.isZero ? 0 : 1
            case .qualifier(let qualifier): order = qualifier.comparedWithNothing
            case .combination(let qualifier, _): order = qualifier.comparedWithNothing
            case .subList: order = 0
            }
            if order != 0 { return order }
        }
        return 0
    }

    /// Two items neither of which is a sub-list marker.
    private static func compare(_ left: Item, _ right: Item) -> Int {
        switch (left, right) {
        case let (.number(a), .number(b)): return a.compare(to: b)
        case (.number, _): return 1
        case (_, .number): return -1
        case let (.qualifier(a), .qualifier(b)): return a.compare(to: b)
        case let (.qualifier(a), .combination(b, _)):
            let order = a.compare(to: b)
            return order == 0 ? -1 : order
        case let (.combination(a, _), .qualifier(b)):
            let order = a.compare(to: b)
            return order == 0 ? 1 : order
        case let (.combination(a, x), .combination(b, y)):
            let order = a.compare(to: b)
            return order == 0 ? x.compare(to: y) : order
        default: return 0
        }
    }
}

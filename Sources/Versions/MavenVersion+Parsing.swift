extension MavenVersion {
    /// Cuts the lowercased string into Maven's lists: `levels[0]` is the top list and each `levels[k + 1]` the
    /// sub-list that ends `levels[k]` (marked there by `subList`). Follows `ComparableVersion.parseVersion` step by
    /// step.
    static func levels(of units: [UInt16]) -> [[Item]] {
        let isDigitUnit = { (unit: UInt16) in unit >= 0x30 && unit <= 0x39 }
        var levels: [[Item]] = [[]]
        func add(_ item: Item) { levels[levels.count - 1].append(item) }
        func openSubList() {
            levels[levels.count - 1].append(.subList)
            levels.append([])
        }
        var isDigit = false
        var isCombination = false
        var start = 0
        var index = 0
        while index < units.count {
            let unit = units[index]
            if unit == UInt16(UInt8(ascii: ".")) {
                add(index == start ? .number(.zero) : item(units[start..<index], isCombination, isDigit))
                isCombination = false
                start = index + 1
            } else if unit == UInt16(UInt8(ascii: "-")) {
                if index == start {
                    add(.number(.zero))
                } else {
                    // `X-1` reads as `X1`: the hyphen stays inside the combined item.
                    if !isDigit && index != units.count - 1 && isDigitUnit(units[index + 1]) {
                        isCombination = true
                        index += 1
                        continue
                    }
                    add(item(units[start..<index], isCombination, isDigit))
                }
                start = index + 1
                if !levels[levels.count - 1].isEmpty { openSubList() }
                isCombination = false
            } else if isDigitUnit(unit) {
                if !isDigit && index > start {
                    isCombination = true
                    if !levels[levels.count - 1].isEmpty { openSubList() }
                }
                isDigit = true
            } else {
                if isDigit && index > start {
                    add(item(units[start..<index], isCombination, true))
                    start = index
                    openSubList()
                    isCombination = false
                }
                isDigit = false
            }
            index += 1
        }
        if units.count > start {
            // `1.0.0.X1 < 1.0.0-X2`: a trailing qualifier after `.` is treated as after `-`.
            if !isDigit && !levels[levels.count - 1].isEmpty { openSubList() }
            add(item(units[start...], isCombination, isDigit))
        }
        return levels
    }

    /// One item from its text, as `ComparableVersion.parseItem`.
    private static func item(_ text: ArraySlice<UInt16>, _ isCombination: Bool, _ isDigit: Bool) -> Item {
        if isCombination {
            let units = text.filter { $0 != UInt16(UInt8(ascii: "-")) }
            let split = units.firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }) ?? 0
            let qualifier = Qualifier(units[..<split], followedByDigit: true)
            return .combination(qualifier, Numeral(digits: units[split...].map { UInt8(truncatingIfNeeded: $0) }))
        }
        if isDigit { return .number(Numeral(digits: text.map { UInt8(truncatingIfNeeded: $0) })) }
        return .qualifier(Qualifier(text, followedByDigit: false))
    }

    /// Drops the items Maven's `ListItem.normalize` drops, innermost list first: a zero, empty qualifier or empty
    /// sub-list at the end of a list, or followed by a qualifier, or by a sub-list that starts with a qualifier.
    static func normalized(_ input: [[Item]]) -> [[Item]] {
        var levels = input
        for depth in levels.indices.reversed() {
            var items = levels[depth]
            var index = items.count - 1
            while index >= 0 {
                if isNull(items[index], subList: depth + 1 < levels.count ? levels[depth + 1] : []) {
                    if index == items.count - 1 {
                        items.remove(at: index)
                    } else {
                        switch items[index + 1] {
                        case .qualifier: items.remove(at: index)
                        case .subList:
                            switch levels[depth + 1].first {
                            case .qualifier?, .combination?: items.remove(at: index)
                            default: break
                            }
                        default: break
                        }
                    }
                }
                index -= 1
            }
            levels[depth] = items
            // A sub-list left empty was dropped from its parent above, so deeper levels no longer belong to it.
            if case .subList? = items.last {} else { levels.removeSubrange((depth + 1)...) }
        }
        return levels
    }

    private static func isNull(_ item: Item, subList: [Item]) -> Bool {
        switch item {
        case .number(let value): return value.isZero
        case .qualifier(let qualifier): return qualifier.isEmpty
        case .combination: return false
        case .subList: return subList.isEmpty
        }
    }

    /// The levels one after the other; each but the last ends with its `subList` marker.
    static func flatten(_ levels: [[Item]]) -> [Item] {
        levels.flatMap { $0 }
    }
}

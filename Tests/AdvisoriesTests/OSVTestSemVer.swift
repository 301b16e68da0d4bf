/// A small SemVer 2.0.0 precedence comparator for the OSV tests, standing in for the `Versions` module's until that
/// lands. Lenient where Go and osv.dev are: a leading `v` is dropped and missing minor or patch numbers count as 0
/// (`1.19` is Go's `1.19.0`); build metadata is ignored.
enum OSVTestSemVer {
    struct Unreadable: Error, Equatable {
        var version: String
    }

    /// -1, 0 or 1 as `a` has lower, equal or higher precedence than `b`.
    static func compare(_ a: String, _ b: String) throws -> Int {
        let left = try parse(a)
        let right = try parse(b)
        for (x, y) in zip(left.core, right.core) where x != y { return x < y ? -1 : 1 }
        switch (left.prerelease.isEmpty, right.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): return comparePrerelease(left.prerelease, right.prerelease)
        }
    }

    private static func parse(_ text: String) throws -> (core: [Int], prerelease: [Substring]) {
        var body = Substring(text)
        if body.hasPrefix("v") { body = body.dropFirst() }
        if let plus = body.firstIndex(of: "+") { body = body[..<plus] }
        var prerelease: [Substring] = []
        if let dash = body.firstIndex(of: "-") {
            prerelease = body[body.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            body = body[..<dash]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { throw Unreadable(version: text) }
        var core: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isASCII), let number = Int(part) else {
                throw Unreadable(version: text)
            }
            core.append(number)
        }
        while core.count < 3 { core.append(0) }
        guard !prerelease.contains(where: \.isEmpty) else { throw Unreadable(version: text) }
        return (core, prerelease)
    }

    private static func comparePrerelease(_ left: [Substring], _ right: [Substring]) -> Int {
        for (x, y) in zip(left, right) where x != y {
            switch (Int(x), Int(y)) {
            case (let m?, let n?): return m < n ? -1 : 1
            case (.some, nil): return -1
            case (nil, .some): return 1
            case (nil, nil): return x < y ? -1 : 1
            }
        }
        return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
    }
}

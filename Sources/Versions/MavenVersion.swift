/// A Maven version, read and ordered as Maven 3.9's `ComparableVersion` does.
///
/// The string (lowercased) is cut into items at `.`, at `-` and where digits and letters meet; digit runs are
/// numbers, letter runs are qualifiers (`alpha` < `beta` < `milestone` < `rc` = `cr` < `snapshot` < release = `ga` =
/// `final` = `release` < `sp` < any other, others in lexical order), and a qualifier glued to a number (`rc1`, `rc-1`)
/// is one combined item. A `-`, and a change from digits to letters, opens a sub-list, which sorts below a number in
/// the same place; zeros and empty qualifiers that end a list are dropped, so `1.0 == 1` and `1-ga > 1-rc`.
///
/// Maven builds the sub-lists as nested objects and compares them recursively. Each sub-list is always the last
/// item of its parent, so here they are stored flat, with a marker where a sub-list opens, and compared in one loop:
/// no recursion however many sub-lists a hostile string opens. Only ASCII digits count as digits (Java would also
/// take other Unicode digits); other characters are part of qualifiers.
struct MavenVersion: SchemeVersion {
    /// A qualifier's place in the order: its rank among known qualifiers, or after them all by name.
    struct Qualifier: Sendable {
        static let known = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"].map { Array($0.utf16) }
        static let releaseAliases = ["ga", "final", "release"].map { Array($0.utf16) }
        static let releaseRank = 5

        /// 0…6 for the known qualifiers, 7 for any other.
        let rank: Int
        /// The qualifier's text, compared only between two unknown qualifiers (Java compares UTF-16 units).
        let name: [UInt16]

        init(_ text: ArraySlice<UInt16>, followedByDigit: Bool) {
            var value = Array(text)
            if followedByDigit && value.count == 1 {
                // `a1` is alpha 1, `b1` beta 1, `m1` milestone 1.
                switch value[0] {
                case UInt16(UInt8(ascii: "a")): value = Array("alpha".utf16)
                case UInt16(UInt8(ascii: "b")): value = Array("beta".utf16)
                case UInt16(UInt8(ascii: "m")): value = Array("milestone".utf16)
                default: break
                }
            }
            if value == Array("cr".utf16) { value = Array("rc".utf16) }
            name = value
            if Self.releaseAliases.contains(value) {
                rank = Self.releaseRank
            } else {
                rank = Self.known.firstIndex(of: value) ?? Self.known.count
            }
        }

        /// Whether the qualifier is the empty string (only that one is dropped from the end of a list).
        var isEmpty: Bool { name.isEmpty }

        func compare(to other: Qualifier) -> Int {
            if rank != other.rank { return compareValues(rank, other.rank) }
            return rank == Self.known.count ? compareValues16(name, other.name) : 0
        }

        /// How the qualifier compares with a missing item: `1-rc < 1`, `1-ga == 1`, `1-sp > 1`.
        var comparedWithNothing: Int { compareValues(rank, Self.releaseRank) }
    }

    /// One item of the flattened list.
    enum Item: Sendable {
        case number(Numeral)
        case qualifier(Qualifier)
        case combination(Qualifier, Numeral)
        /// The rest of the array belongs to a sub-list of the list this marker ends.
        case subList
    }

    let items: [Item]

    init(parsing text: String) throws(VersionError) {
        guard !text.isEmpty else { throw VersionError(text, .maven, "version string is empty") }
        items = Self.flatten(Self.normalized(Self.levels(of: Array(text.lowercased().utf16))))
    }
}

/// Lexical order of UTF-16 code units, as Java's `String.compareTo`.
func compareValues16(_ a: [UInt16], _ b: [UInt16]) -> Int {
    for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
    return compareValues(a.count, b.count)
}

/// An Alpine package version, `{digits}{.digits}…{letter}{_suffix{digits}}…{-rN}`, read and ordered as apk-tools'
/// `version.c` does.
///
/// The string is cut into tokens exactly as apk's tokenizer cuts it, and two versions are compared token by token
/// with the same rules: digit runs as numbers (a run after `.` that starts with `0` weighs by its count of zeros,
/// below any other number); a single lowercase letter; suffixes `_alpha _beta _pre _rc` before the end and
/// `_cvs _svn _git _hg _p` after it; `-rN` revisions. Strings apk would refuse are refused. apk stops at a NUL
/// byte and keeps its numbers in an `int`; here a NUL is refused and numbers have no size limit.
struct ApkVersion: SchemeVersion {
    /// The kinds of token, in apk's order (which decides between versions that agree up to where one has another
    /// kind of token).
    enum Kind: Int, Sendable, Comparable {
        case invalid = -1, digitOrZero, digit, letter, suffix, suffixNumber, revisionNumber, end

        static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A token's weight: a digit run, or a small signed value (a zeros count, a letter, a suffix rank).
    enum Weight: Sendable {
        case number(Numeral)
        case small(Int)

        func compare(to other: Weight) -> Int {
            switch (self, other) {
            case let (.number(a), .number(b)): return a.compare(to: b)
            case let (.small(a), .small(b)): return compareValues(a, b)
            case let (.number(a), .small(b)): return a.compare(toSigned: b)
            case let (.small(a), .number(b)): return -b.compare(toSigned: a)
            }
        }

        var isNegative: Bool {
            if case .small(let value) = self { return value < 0 }
            return false
        }
    }

    /// The tokens in order, each with the kind it was read as; the kind after the last is `end`.
    let tokens: [(kind: Kind, weight: Weight)]

    static let preReleaseSuffixes = ["alpha", "beta", "pre", "rc"].map { Array($0.utf8) }
    static let postReleaseSuffixes = ["cvs", "svn", "git", "hg", "p"].map { Array($0.utf8) }

    init(parsing text: String) throws(VersionError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw VersionError(text, .apk, "version string is empty") }
        // apk ends a version at a NUL byte; a NUL inside one is refused rather than silently cutting it short.
        guard !bytes.contains(0) else { throw VersionError(text, .apk, "NUL byte in version") }

        var tokens: [(kind: Kind, weight: Weight)] = []
        var kind = Kind.digit
        var position = 0
        while kind != .end {
            let tokenKind = kind
            let start = position
            guard let weight = Self.readToken(&kind, bytes, &position), kind != .invalid else {
                throw VersionError(text, .apk, "not a valid apk version at byte \(max(start, position))")
            }
            tokens.append((kind: tokenKind, weight: weight))
        }
        self.tokens = tokens
    }

    func compare(to other: ApkVersion) -> Int {
        var leftKind = Kind.digit
        var rightKind = Kind.digit
        var left = Weight.small(0)
        var right = Weight.small(0)
        var index = 0
        while leftKind == rightKind && leftKind != .end && left.compare(to: right) == 0 {
            left = tokens[index].weight
            right = other.tokens[index].weight
            index += 1
            leftKind = index < tokens.count ? tokens[index].kind : .end
            rightKind = index < other.tokens.count ? other.tokens[index].kind : .end
        }

        let order = left.compare(to: right)
        if order != 0 { return order }
        if leftKind == rightKind { return 0 }
        // The versions agree up to where one goes on: the longer is newer unless what follows is a pre-release suffix.
        if leftKind == .suffix && tokens[index].weight.isNegative { return -1 }
        if rightKind == .suffix && other.tokens[index].weight.isNegative { return 1 }
        return leftKind > rightKind ? -1 : 1
    }
}

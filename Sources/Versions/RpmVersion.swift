/// An rpm `[epoch:]version[-release]`, split as rpm splits an EVR and ordered by `rpmvercmp`.
///
/// `rpmvercmp` ignores every character but ASCII letters, digits, `~` and `^`; it compares maximal runs of digits
/// (as numbers) or letters (as bytes), a digit run newer than a letter run; `~` sorts before anything, even the end;
/// `^` sorts after the end but before anything else. A missing epoch is 0.
///
/// rpm compares releases only when both sides have one, which makes `1.0` equal both `1.0-1` and `1.0-2` — not an
/// order. Here a missing release compares as an empty one (before any release that is not `~`-led), so values form a
/// total order; a matcher given a bound without release then treats it as the earliest build of that version.
struct RpmVersion: SchemeVersion {
    /// A piece of a version or release as `rpmvercmp` walks it; separators are dropped.
    enum Segment: Sendable {
        case tilde
        case caret
        case number(Numeral)
        case letters([UInt8])
    }

    let epoch: Numeral
    let version: [Segment]
    let release: [Segment]

    init(parsing text: String) throws(VersionError) {
        func failure(_ reason: String) -> VersionError { VersionError(text, .rpm, reason) }
        let bytes = Array(text.utf8)[...]
        guard !bytes.isEmpty else { throw failure("version string is empty") }
        // rpm refuses whitespace in version and release tags; control bytes have no place in one either.
        if let offset = bytes.firstIndex(where: { $0 <= 0x20 || $0 == 0x7F }) {
            throw failure("whitespace or control character at byte \(offset)")
        }

        let epochEnd = bytes.firstIndex(where: { !$0.isASCIIDigit }) ?? bytes.endIndex
        var rest = bytes
        var epoch = Numeral.zero
        if epochEnd < bytes.endIndex && bytes[epochEnd] == UInt8(ascii: ":") {
            epoch = Numeral(digits: bytes[..<epochEnd])
            rest = bytes[(epochEnd + 1)...]
        }
        var version = rest
        var release = rest[rest.endIndex...]
        if let hyphen = rest.lastIndex(of: UInt8(ascii: "-")) {
            version = rest[..<hyphen]
            release = rest[(hyphen + 1)...]
            guard !release.isEmpty else { throw failure("release after '-' is empty") }
        }
        guard !version.isEmpty else { throw failure("version is empty") }

        self.epoch = epoch
        self.version = Self.segments(version)
        self.release = Self.segments(release)
    }

    func compare(to other: RpmVersion) -> Int {
        let epochOrder = epoch.compare(to: other.epoch)
        if epochOrder != 0 { return epochOrder }
        let versionOrder = Self.compare(version, other.version)
        if versionOrder != 0 { return versionOrder }
        return Self.compare(release, other.release)
    }

    /// Splits a string into the runs `rpmvercmp` compares.
    private static func segments(_ bytes: ArraySlice<UInt8>) -> [Segment] {
        var result: [Segment] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "~") {
                result.append(.tilde)
                index += 1
            } else if byte == UInt8(ascii: "^") {
                result.append(.caret)
                index += 1
            } else if byte.isASCIIDigit {
                let end = bytes[index...].firstIndex(where: { !$0.isASCIIDigit }) ?? bytes.endIndex
                result.append(.number(Numeral(digits: bytes[index..<end])))
                index = end
            } else if byte.isASCIILetter {
                let end = bytes[index...].firstIndex(where: { !$0.isASCIILetter }) ?? bytes.endIndex
                result.append(.letters(Array(bytes[index..<end])))
                index = end
            } else {
                index += 1
            }
        }
        return result
    }

    /// `rpmvercmp` over split segments.
    private static func compare(_ a: [Segment], _ b: [Segment]) -> Int {
        var index = 0
        while true {
            let left = index < a.count ? a[index] : nil
            let right = index < b.count ? b[index] : nil
            index += 1
            switch (left, right) {
            case (nil, nil): return 0
            case (.tilde, .tilde), (.caret, .caret): continue
            case (.tilde, _): return -1
            case (_, .tilde): return 1
            // `^` sorts after the end of the other string but before any other segment.
            case (nil, .caret): return -1
            case (.caret, nil): return 1
            case (.caret, _): return -1
            case (_, .caret): return 1
            case (nil, _): return -1
            case (_, nil): return 1
            case let (.number(x), .number(y)):
                let order = x.compare(to: y)
                if order != 0 { return order }
            case let (.letters(x), .letters(y)):
                let order = compareBytes(x, y)
                if order != 0 { return order }
            case (.number, .letters): return 1
            case (.letters, .number): return -1
            }
        }
    }
}

/// A RubyGems version, read and ordered as `Gem::Version` does.
///
/// Valid strings match `Gem::Version::ANCHORED_VERSION_PATTERN`: digits, then `.`-separated letters and digits, then
/// optionally `-` and `.`-separated letters, digits and `-`; surrounding whitespace is ignored and an empty string is
/// `0`. Each `-` reads as `.pre.`. Segments are the runs of digits (numbers) and letters (strings); a string segment
/// marks a prerelease and sorts before any number. Trailing zeros of the release part and of the prerelease part are
/// dropped before comparing (`1.0 == 1`, `1.0.a == 1.a`), and a missing segment counts as 0.
struct RubyGemsVersion: SchemeVersion {
    /// A segment of the version.
    enum Segment: Sendable {
        case number(Numeral)
        case string([UInt8])

        var isZero: Bool {
            if case .number(let value) = self { return value.isZero }
            return false
        }
    }

    /// The canonical segments `Gem::Version#<=>` compares.
    let segments: [Segment]

    init(parsing text: String) throws(VersionError) {
        // Ruby's `\s`: ASCII whitespace. A NUL is not one, so it fails the pattern below.
        let isSpace = { (byte: UInt8) in byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        if bytes.isEmpty { bytes = [UInt8(ascii: "0")] }
        guard Self.matchesPattern(bytes) else { throw VersionError(text, .rubygems, "malformed version number string") }

        var all: [Segment] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte.isASCIIDigit {
                let end = bytes[index...].firstIndex(where: { !$0.isASCIIDigit }) ?? bytes.endIndex
                all.append(.number(Numeral(digits: bytes[index..<end])))
                index = end
            } else if byte.isASCIILetter {
                let end = bytes[index...].firstIndex(where: { !$0.isASCIILetter }) ?? bytes.endIndex
                all.append(.string(Array(bytes[index..<end])))
                index = end
            } else {
                if byte == UInt8(ascii: "-") { all.append(.string(Array("pre".utf8))) }
                index += 1
            }
        }

        let firstString = all.firstIndex(where: { if case .string = $0 { return true } else { return false } })
        var release = Array(all[..<(firstString ?? all.endIndex)])
        var prerelease = Array(all[(firstString ?? all.endIndex)...])
        while release.last?.isZero == true { release.removeLast() }
        while prerelease.last?.isZero == true { prerelease.removeLast() }
        segments = release + prerelease
    }

    func compare(to other: RubyGemsVersion) -> Int {
        let zero = Segment.number(.zero)
        for index in 0..<max(segments.count, other.segments.count) {
            let left = index < segments.count ? segments[index] : zero
            let right = index < other.segments.count ? other.segments[index] : zero
            switch (left, right) {
            case let (.number(a), .number(b)):
                let order = a.compare(to: b)
                if order != 0 { return order }
            case let (.string(a), .string(b)):
                let order = compareBytes(a, b)
                if order != 0 { return order }
            case (.string, .number): return -1
            case (.number, .string): return 1
            }
        }
        return 0
    }

    /// `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`, whole.
    private static func matchesPattern(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        func run(_ allowed: (UInt8) -> Bool) -> Bool {
            let start = index
            while index < bytes.endIndex && allowed(bytes[index]) { index += 1 }
            return index > start
        }
        guard run(\.isASCIIDigit) else { return false }
        while index < bytes.endIndex && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard run(\.isASCIIAlphanumeric) else { return false }
        }
        guard index < bytes.endIndex else { return true }
        guard bytes[index] == UInt8(ascii: "-") else { return false }
        index += 1
        let prereleaseByte = { (byte: UInt8) in byte.isASCIIAlphanumeric || byte == UInt8(ascii: "-") }
        guard run(prereleaseByte) else { return false }
        while index < bytes.endIndex && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard run(prereleaseByte) else { return false }
        }
        return index == bytes.endIndex
    }
}

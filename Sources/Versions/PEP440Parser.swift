/// A reader for PEP 440's version grammar (`packaging.version.VERSION_PATTERN`, case-insensitive, surrounded by
/// optional whitespace), written out by hand over bytes: one pass, no regular-expression backtracking.
struct PEP440Parser {
    /// The parts of a version, numbers defaulted (`1.0a` has pre-release number 0).
    struct Parts {
        var epoch = Numeral.zero
        var release: [Numeral] = []
        var pre: (phase: PEP440Version.Phase, number: Numeral)?
        var post: Numeral?
        var dev: Numeral?
        var local: [PEP440Version.LocalPart]?
    }

    private let bytes: [UInt8]
    private var index = 0
    /// Where reading stopped, for the error message.
    private(set) var failedAt = 0

    private static let preLabels: [(String, PEP440Version.Phase)] = [
        ("alpha", .alpha), ("a", .alpha), ("beta", .beta), ("b", .beta), ("preview", .releaseCandidate),
        ("pre", .releaseCandidate), ("c", .releaseCandidate), ("rc", .releaseCandidate),
    ]
    private static let postLabels = ["post", "rev", "r"]

    /// Prepares to read `text`: surrounding whitespace (Python's `\s`, Unicode included) is dropped and ASCII
    /// letters lowercased; any other non-ASCII character makes the version invalid.
    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)[...]
        let isSpace = { (scalar: Unicode.Scalar) in
            scalar.properties.isWhitespace || (scalar.value >= 0x1C && scalar.value <= 0x1F)
        }
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        // A non-ASCII scalar becomes a byte no rule accepts (0xFF), so it fails where it stands.
        bytes = scalars.map { $0.isASCII ? UInt8($0.value).asciiLowercased : 0xFF }
    }

    /// Reads the whole string, or returns nil (with `failedAt` set) when it is not a version.
    mutating func parse() -> Parts? {
        var parts = Parts()
        _ = take("v")

        let start = index
        if let epoch = number(), take("!") {
            parts.epoch = epoch
        } else {
            index = start
        }
        guard let first = number() else { return fail() }
        parts.release = [first]
        while peek() == UInt8(ascii: "."), index + 1 < bytes.count, bytes[index + 1].isASCIIDigit {
            index += 1
            parts.release.append(number()!)
        }

        parts.pre = preRelease()
        parts.post = postRelease()
        parts.dev = labelled(["dev"]).map { $0.number }
        if take("+") {
            guard let local = localLabel() else { return fail() }
            parts.local = local
        }
        guard index == bytes.count else { return fail() }
        return parts
    }

    /// `[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?[0-9]*`
    private mutating func preRelease() -> (phase: PEP440Version.Phase, number: Numeral)? {
        guard let (label, number) = labelled(Self.preLabels.map(\.0)) else { return nil }
        let phase = Self.preLabels.first { $0.0 == label }!.1
        return (phase, number)
    }

    /// `-[0-9]+` or `[-_.]?(post|rev|r)[-_.]?[0-9]*`
    private mutating func postRelease() -> Numeral? {
        let start = index
        if take("-"), let value = number() { return value }
        index = start
        return labelled(Self.postLabels).map { $0.number }
    }

    /// An optional separator, one of the labels (tried in order, as the regular expression's alternation), an
    /// optional separator and an optional number (0 when absent). Restores the position when no label matches.
    private mutating func labelled(_ labels: [String]) -> (label: String, number: Numeral)? {
        let start = index
        _ = separator()
        guard let label = labels.first(where: { bytes[index...].starts(with: $0.utf8) }) else {
            index = start
            return nil
        }
        index += label.utf8.count
        _ = separator()
        return (label, number() ?? .zero)
    }

    /// `[a-z0-9]+([-_.][a-z0-9]+)*`, parts that are all digits read as numbers.
    private mutating func localLabel() -> [PEP440Version.LocalPart]? {
        var parts: [PEP440Version.LocalPart] = []
        repeat {
            let start = index
            while let byte = peek(), byte.isASCIIAlphanumeric { index += 1 }
            guard index > start else { return nil }
            let part = bytes[start..<index]
            parts.append(part.allSatisfy(\.isASCIIDigit) ? .number(Numeral(digits: part)) : .text(Array(part)))
        } while separator()
        return parts
    }

    private mutating func number() -> Numeral? {
        let start = index
        while let byte = peek(), byte.isASCIIDigit { index += 1 }
        return index > start ? Numeral(digits: bytes[start..<index]) : nil
    }

    private mutating func separator() -> Bool {
        guard let byte = peek(), byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        else { return false }
        index += 1
        return true
    }

    private mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard peek() == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func fail() -> Parts? {
        failedAt = index
        return nil
    }
}

/// A Debian package version, `[epoch:]upstream[-revision]`, read and ordered as dpkg does.
///
/// Validity follows dpkg's `parseversion`: blanks around the string are trimmed, the epoch is a decimal number no
/// larger than `INT_MAX`, the upstream version starts with a digit and holds only letters, digits and `.+~-:`, and the
/// revision holds only letters, digits and `.+~`. dpkg only warns about the last three, but still refuses the version,
/// and so does this type. Ordering is dpkg's `verrevcmp`: `~` before everything, even the end; letters before other
/// characters; digit runs compared as numbers.
///
/// dpkg reads the epoch with `strtol`, which would also take a leading `+` or blanks before the digits (`+1:2.0`);
/// this type refuses those, so such a string — which no Debian archive holds — is reported rather than matched.
struct DpkgVersion: SchemeVersion {
    /// dpkg stores the epoch in an `int`; larger values are refused.
    static let maximumEpoch: UInt64 = UInt64(Int32.max)

    let epoch: UInt32
    let upstream: [UInt8]
    /// Empty when the version has none, which orders as revision `0`.
    let revision: [UInt8]

    init(parsing text: String) throws(VersionError) {
        func failure(_ reason: String) -> VersionError { VersionError(text, .dpkg, reason) }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, isBlank(first) { bytes.removeFirst() }
        while let last = bytes.last, isBlank(last) { bytes.removeLast() }
        guard !bytes.isEmpty else { throw failure("version string is empty") }
        guard !bytes.contains(where: isBlank) else { throw failure("version string has embedded spaces") }

        var rest = bytes
        var epoch: UInt64 = 0
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            let digits = bytes[..<colon]
            guard !digits.isEmpty else { throw failure("epoch in version is empty") }
            guard digits.allSatisfy(\.isASCIIDigit) else { throw failure("epoch in version is not a number") }
            for digit in digits {
                // Checked digit by digit so that a long run of digits can never overflow the accumulator.
                epoch = epoch * 10 + UInt64(digit - UInt8(ascii: "0"))
                guard epoch <= Self.maximumEpoch else { throw failure("epoch in version is too big") }
            }
            rest = bytes[bytes.index(after: colon)...]
            guard !rest.isEmpty else { throw failure("nothing after colon in version number") }
        }

        var upstream = rest
        var revision = rest[rest.endIndex...]
        if let hyphen = rest.lastIndex(of: UInt8(ascii: "-")) {
            upstream = rest[..<hyphen]
            revision = rest[rest.index(after: hyphen)...]
            guard !revision.isEmpty else { throw failure("revision number is empty") }
        }
        guard let first = upstream.first else { throw failure("version number is empty") }
        guard first.isASCIIDigit else { throw failure("version number does not start with digit") }
        let upstreamPunctuation = Array(".-+~:".utf8)
        if let bad = upstream.first(where: { !$0.isASCIIAlphanumeric && !upstreamPunctuation.contains($0) }) {
            throw failure("invalid character \(Self.show(bad)) in version number")
        }
        let revisionPunctuation = Array(".+~".utf8)
        if let bad = revision.first(where: { !$0.isASCIIAlphanumeric && !revisionPunctuation.contains($0) }) {
            throw failure("invalid character \(Self.show(bad)) in revision number")
        }

        self.epoch = UInt32(epoch)
        self.upstream = Array(upstream)
        self.revision = Array(revision)
    }

    func compare(to other: DpkgVersion) -> Int {
        if epoch != other.epoch { return epoch < other.epoch ? -1 : 1 }
        let upstreamOrder = Self.compareFragments(upstream, other.upstream)
        if upstreamOrder != 0 { return upstreamOrder }
        return Self.compareFragments(revision, other.revision)
    }

    /// The weight of a byte between digit runs: `~` lowest (below the end of the string), letters by code, anything
    /// else after all letters.
    private static func order(_ byte: UInt8?) -> Int {
        guard let byte else { return 0 }
        if byte.isASCIIDigit { return 0 }
        if byte.isASCIILetter { return Int(byte) }
        if byte == UInt8(ascii: "~") { return -1 }
        return Int(byte) + 256
    }

    /// dpkg's `verrevcmp`: alternating non-digit and digit runs; digit runs compare as numbers without converting
    /// them, so a 40-digit run cannot overflow.
    private static func compareFragments(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            while (i < a.count && !a[i].isASCIIDigit) || (j < b.count && !b[j].isASCIIDigit) {
                let left = order(i < a.count ? a[i] : nil)
                let right = order(j < b.count ? b[j] : nil)
                if left != right { return left < right ? -1 : 1 }
                i += 1
                j += 1
            }

            while i < a.count && a[i] == UInt8(ascii: "0") { i += 1 }
            while j < b.count && b[j] == UInt8(ascii: "0") { j += 1 }
            var firstDifference = 0
            while i < a.count && j < b.count && a[i].isASCIIDigit && b[j].isASCIIDigit {
                if firstDifference == 0 { firstDifference = Int(a[i]) - Int(b[j]) }
                i += 1
                j += 1
            }
            if i < a.count && a[i].isASCIIDigit { return 1 }
            if j < b.count && b[j].isASCIIDigit { return -1 }
            if firstDifference != 0 { return firstDifference < 0 ? -1 : 1 }
        }
        return 0
    }

    private static func show(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
    }
}

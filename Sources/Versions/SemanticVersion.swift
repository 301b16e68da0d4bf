/// A Semantic Versioning 2.0.0 version, `MAJOR.MINOR.PATCH[-prerelease][+build]`, ordered by the specification's
/// precedence; a leading `v` (Go modules, many Git tags) is accepted and ignored.
///
/// Build metadata is checked but plays no part in ordering. Go pseudo-versions (`v0.0.0-20210101000000-abcdef123456`)
/// are ordinary prereleases and order as such. Loose npm-style input (`1.2`, `=1.2.3`, ` 1.2.3`, leading zeros) is
/// rejected rather than guessed at: an advisory bound read wrongly is worse than one reported as unreadable.
struct SemanticVersion: SchemeVersion {
    /// A prerelease identifier: numeric ones sort before alphanumeric ones.
    enum Identifier: Sendable {
        case numeric(Numeral)
        case alphanumeric([UInt8])
    }

    let major: Numeral
    let minor: Numeral
    let patch: Numeral
    let prerelease: [Identifier]

    init(parsing text: String) throws(VersionError) {
        func failure(_ reason: String) -> VersionError { VersionError(text, .semver, reason) }
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "v") { bytes.removeFirst() }
        guard !bytes.isEmpty else { throw failure("version string is empty") }

        if let plus = bytes.firstIndex(of: UInt8(ascii: "+")) {
            for identifier in Self.identifiers(bytes[(plus + 1)...]) where !Self.isIdentifier(identifier) {
                throw failure("build metadata identifier is empty or not [0-9A-Za-z-]")
            }
            bytes = bytes[..<plus]
        }
        var prerelease: [Identifier] = []
        if let hyphen = bytes.firstIndex(of: UInt8(ascii: "-")) {
            for identifier in Self.identifiers(bytes[(hyphen + 1)...]) {
                guard Self.isIdentifier(identifier) else {
                    throw failure("prerelease identifier is empty or not [0-9A-Za-z-]")
                }
                if identifier.allSatisfy(\.isASCIIDigit) {
                    guard identifier.count == 1 || identifier.first != UInt8(ascii: "0") else {
                        throw failure("numeric prerelease identifier has a leading zero")
                    }
                    prerelease.append(.numeric(Numeral(digits: identifier)))
                } else {
                    prerelease.append(.alphanumeric(Array(identifier)))
                }
            }
            bytes = bytes[..<hyphen]
        }
        let core = Self.identifiers(bytes)
        guard core.count == 3 else { throw failure("expected MAJOR.MINOR.PATCH, found \(core.count) part(s)") }
        for part in core {
            guard !part.isEmpty, part.allSatisfy(\.isASCIIDigit) else {
                throw failure("version part is not a number")
            }
            guard part.count == 1 || part.first != UInt8(ascii: "0") else {
                throw failure("version part has a leading zero")
            }
        }
        major = Numeral(digits: core[0])
        minor = Numeral(digits: core[1])
        patch = Numeral(digits: core[2])
        self.prerelease = prerelease
    }

    func compare(to other: SemanticVersion) -> Int {
        let majorOrder = major.compare(to: other.major)
        if majorOrder != 0 { return majorOrder }
        let minorOrder = minor.compare(to: other.minor)
        if minorOrder != 0 { return minorOrder }
        let patchOrder = patch.compare(to: other.patch)
        if patchOrder != 0 { return patchOrder }
        // A version with a prerelease sorts before the same version without one.
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (a, b) in zip(prerelease, other.prerelease) {
            let order: Int
            switch (a, b) {
            case let (.numeric(x), .numeric(y)): order = x.compare(to: y)
            case let (.alphanumeric(x), .alphanumeric(y)): order = compareBytes(x, y)
            case (.numeric, .alphanumeric): order = -1
            case (.alphanumeric, .numeric): order = 1
            }
            if order != 0 { return order }
        }
        return compareValues(prerelease.count, other.prerelease.count)
    }

    /// The `.`-separated parts, empty ones kept (so that they can be refused).
    private static func identifiers(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    }

    private static func isIdentifier(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") }
    }
}

extension ApkVersion {
    /// Reads one token of the given kind at `position`, as apk's `get_token`; moves past it and sets `kind` to the
    /// kind of the next token (`end`, or `invalid` when what follows cannot come next).
    /// - Returns: The token's weight, or nil when no token of that kind starts here.
    static func readToken(_ kind: inout Kind, _ bytes: [UInt8], _ position: inout Int) -> Weight? {
        guard position < bytes.count else {
            kind = .end
            return .small(0)
        }
        var length = 0
        var nextKind = Kind.invalid
        let weight: Weight
        switch kind {
        case .digitOrZero where bytes[position] == UInt8(ascii: "0"):
            // A run after `.` that starts with zero weighs minus its count of zeros; the digits after come next.
            while position + length < bytes.count && bytes[position + length] == UInt8(ascii: "0") { length += 1 }
            nextKind = .digit
            weight = .small(-length)
        case .digitOrZero, .digit, .suffixNumber, .revisionNumber:
            while position + length < bytes.count && bytes[position + length].isASCIIDigit { length += 1 }
            weight = .number(Numeral(digits: bytes[position..<(position + length)]))
        case .letter:
            length = 1
            weight = .small(Int(bytes[position]))
        case .suffix:
            let rest = bytes[position...]
            if let rank = preReleaseSuffixes.firstIndex(where: { rest.starts(with: $0) }) {
                length = preReleaseSuffixes[rank].count
                weight = .small(rank - preReleaseSuffixes.count)
            } else if let rank = postReleaseSuffixes.firstIndex(where: { rest.starts(with: $0) }) {
                length = postReleaseSuffixes[rank].count
                weight = .small(rank)
            } else {
                kind = .invalid
                return nil
            }
        case .invalid, .end:
            kind = .invalid
            return nil
        }

        position += length
        if position == bytes.count {
            kind = .end
        } else if nextKind != .invalid {
            kind = nextKind
        } else {
            advance(&kind, bytes, &position)
        }
        return weight
    }

    /// Decides the kind of the next token from the byte at `position`, moving past a separator, as apk's
    /// `next_token`; a kind that may not follow the current one becomes `invalid`.
    private static func advance(_ kind: inout Kind, _ bytes: [UInt8], _ position: inout Int) {
        var next = Kind.invalid
        let byte = bytes[position]
        if (kind == .digit || kind == .digitOrZero) && byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
            next = .letter
        } else if kind == .letter && byte.isASCIIDigit {
            next = .digit
        } else if kind == .suffix && byte.isASCIIDigit {
            next = .suffixNumber
        } else {
            switch byte {
            case UInt8(ascii: "."): next = .digitOrZero
            case UInt8(ascii: "_"): next = .suffix
            case UInt8(ascii: "-"):
                if position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "r") {
                    next = .revisionNumber
                    position += 1
                }
            default: break
            }
            position += 1
        }

        let allowedStepBack = (next == .digitOrZero && kind == .digit) || (next == .suffix && kind == .suffixNumber)
            || (next == .digit && kind == .letter)
        if next < kind && !allowedStepBack { next = .invalid }
        kind = next
    }
}

/// A run of decimal digits read as a non-negative number of any size.
///
/// Version schemes compare digit runs numerically, and hostile input can hold runs far longer than any fixed-width
/// integer: converting with `Int(_:)` would overflow or fail. A run that fits in 64 bits is kept as a `UInt64` (the
/// common, fast case); a longer one keeps its digits, and two such runs compare by length, then digit by digit.
struct Numeral: Sendable, Comparable, CustomStringConvertible {
    /// The digits of a number too large for 64 bits, without leading zeros. A class, so that a `Numeral` holding a
    /// small value copies without reference counting: comparisons copy numerals often, large ones are rare.
    final class LargeDigits: Sendable {
        let digits: [UInt8]

        init(_ digits: [UInt8]) { self.digits = digits }
    }

    private enum Storage: Sendable {
        case small(UInt64)
        case large(LargeDigits)
    }

    private let storage: Storage

    /// The number zero.
    static let zero = Numeral(0)

    /// Reads ASCII digits (the caller has checked that every byte is one); an empty run is zero.
    init<Digits: Collection<UInt8>>(digits: Digits) {
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        // 19 digits always fit in a UInt64 (its maximum has 20); longer runs are kept as digits.
        if significant.count <= 19 {
            var value: UInt64 = 0
            for digit in significant { value = value * 10 + UInt64(digit - UInt8(ascii: "0")) }
            storage = .small(value)
        } else {
            storage = .large(LargeDigits(Array(significant)))
        }
    }

    /// A small number.
    init(_ value: UInt64) {
        storage = .small(value)
    }

    /// Whether the number is zero.
    var isZero: Bool {
        if case .small(0) = storage { return true }
        return false
    }

    /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`.
    func compare(to other: Numeral) -> Int {
        switch (storage, other.storage) {
        case let (.small(a), .small(b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.small, .large): return -1
        case (.large, .small): return 1
        case let (.large(a), .large(b)):
            if a.digits.count != b.digits.count { return a.digits.count < b.digits.count ? -1 : 1 }
            return compareBytes(a.digits, b.digits)
        }
    }

    /// -1, 0 or 1 as `self` is less than, equal to or greater than a small signed value.
    func compare(toSigned value: Int) -> Int {
        if value < 0 { return 1 }
        return compare(to: Numeral(UInt64(value)))
    }

    static func < (lhs: Numeral, rhs: Numeral) -> Bool { lhs.compare(to: rhs) < 0 }

    static func == (lhs: Numeral, rhs: Numeral) -> Bool { lhs.compare(to: rhs) == 0 }

    var description: String {
        switch storage {
        case .small(let value): return String(value)
        case .large(let large): return String(decoding: large.digits, as: UTF8.self)
        }
    }
}

/// -1, 0 or 1 comparing two byte strings as C's `strcmp` does on unsigned bytes (a prefix sorts first).
func compareBytes<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Int {
    var left = a.makeIterator()
    var right = b.makeIterator()
    while true {
        switch (left.next(), right.next()) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (l?, r?) where l != r: return l < r ? -1 : 1
        default: continue
        }
    }
}

/// -1, 0 or 1 for two comparable values.
func compareValues<T: Comparable>(_ a: T, _ b: T) -> Int {
    a < b ? -1 : (a == b ? 0 : 1)
}

extension UInt8 {
    /// Whether the byte is an ASCII digit `0`–`9`.
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    /// Whether the byte is an ASCII letter.
    var isASCIILetter: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    /// Whether the byte is an ASCII letter or digit.
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
    /// The byte lowercased if it is an ASCII capital letter.
    var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
}

/// The RFC 3339 `date-time` check the OSV schema asks of `modified`, `published` and `withdrawn`.
enum OSVTimestamp {
    /// Whether `text` is an RFC 3339 date-time (section 5.6): `YYYY-MM-DDTHH:MM:SS`, an optional fraction, then `Z`
    /// or a `±HH:MM` offset; `T` and `Z` in either case. Fields are range-checked, days against the month (with
    /// leap years), and a leap second (`:60`) is allowed as RFC 3339 allows it.
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        // The longest sensible timestamp is well under this; the bound keeps the fraction loop short.
        guard bytes.count >= 20, bytes.count <= 64 else { return false }
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte.isASCIIDigit else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == UInt8(ascii: "-"), let month = number(5, 2),
              bytes[7] == UInt8(ascii: "-"), let day = number(8, 2),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let hour = number(11, 2), bytes[13] == UInt8(ascii: ":"), let minute = number(14, 2),
              bytes[16] == UInt8(ascii: ":"), let second = number(17, 2)
        else { return false }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour <= 23,
              minute <= 59, second <= 60
        else { return false }

        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.count, bytes[index].isASCIIDigit { index += 1 }
            guard index > digitsStart else { return false }
        }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") { return index + 1 == bytes.count }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), index + 6 == bytes.count,
              let offsetHour = number(index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
              let offsetMinute = number(index + 4, 2)
        else { return false }
        return offsetHour <= 23 && offsetMinute <= 59
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

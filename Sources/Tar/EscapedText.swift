/// Decodes tar name bytes as UTF-8 for display, escaping what is not printable text.
///
/// Why: names come from hostile archives. A name may hold invalid UTF-8, terminal escape sequences or
/// newlines meant to forge report lines. Nothing is dropped (two different byte strings must never look
/// alike): invalid bytes and C0/C1 control characters become `\xNN` per byte, and `\` becomes `\\`
/// so an escape in the output can always be told from the same characters in the name.
func escapedText(_ bytes: some Collection<UInt8>) -> String {
    if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\\") }) {
        return String(decoding: bytes, as: UTF8.self)
    }
    let bytes = Array(bytes)
    var result = ""
    result.reserveCapacity(bytes.count + 16)
    var index = 0
    while index < bytes.count {
        let length = validUTF8SequenceLength(bytes, at: index)
        if length == 0 {
            appendHexEscape(bytes[index], to: &result)
            index += 1
            continue
        }
        let sequence = bytes[index..<index + length]
        let isControl = length == 1 ? (bytes[index] < 0x20 || bytes[index] == 0x7f)
            : (length == 2 && bytes[index] == 0xc2 && bytes[index + 1] < 0xa0)
        if isControl {
            sequence.forEach { appendHexEscape($0, to: &result) }
        } else if bytes[index] == UInt8(ascii: "\\") {
            result += "\\\\"
        } else {
            result += String(decoding: sequence, as: UTF8.self)
        }
        index += length
    }
    return result
}

private func appendHexEscape(_ byte: UInt8, to result: inout String) {
    let digits = Array("0123456789abcdef".utf8)
    result += "\\x"
    result.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
    result.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0xf)]))
}

/// The length of the well-formed UTF-8 sequence starting at `index`, or 0 when there is none
/// (overlong forms, surrogates and code points above U+10FFFF are not well-formed).
private func validUTF8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
    let lead = bytes[index]
    let length: Int
    var secondRange: ClosedRange<UInt8> = 0x80...0xbf
    switch lead {
    case 0x00...0x7f: return 1
    case 0xc2...0xdf: length = 2
    case 0xe0: length = 3; secondRange = 0xa0...0xbf
    case 0xed: length = 3; secondRange = 0x80...0x9f
    case 0xe1...0xef: length = 3
    case 0xf0: length = 4; secondRange = 0x90...0xbf
    case 0xf1...0xf3: length = 4
    case 0xf4: length = 4; secondRange = 0x80...0x8f
    default: return 0
    }
    guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return 0 }
    for offset in 2..<length where !(0x80...0xbf).contains(bytes[index + offset]) { return 0 }
    return length
}

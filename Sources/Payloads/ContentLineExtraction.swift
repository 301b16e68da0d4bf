/// Picks the lines worth keeping from a file's bytes: every line of a small file the detectors read whole, or
/// only the lines (printable runs, for binaries) where a marker occurs, cut to a bounded length.
struct ContentLineExtraction {
    let needles: NeedleSet

    /// The most lines one file yields, key bodies included.
    static let maxLines = PayloadLimits.maxKeptLines + PayloadLimits.maxKeyBodyLines

    /// The lines of a capture: decoded when the payload request reduced it, extracted when another analyzer
    /// kept the file whole.
    func lines(ofCapture bytes: [UInt8], keepAll: Bool) -> (lines: [ContentLine], binary: Bool) {
        ContentLineEncoding.decode(bytes) ?? lines(bytes, keepAll: keepAll)
    }

    /// The lines of a file's `bytes` to keep (all of them when `keepAll`, else those where a marker occurs), and
    /// whether they are a binary's printable runs.
    func lines(_ bytes: [UInt8], keepAll: Bool) -> (lines: [ContentLine], binary: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            if keepAll { return (Self.allLines(buffer), false) }
            return Self.isBinary(buffer) ? (binaryRuns(buffer), true) : (textLines(buffer), false)
        }
    }

    /// Whether a NUL occurs in the first bytes, as `grep` decides text from binary.
    static func isBinary(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.prefix(PayloadLimits.textSniffBytes).contains(0)
    }

    private static func allLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [ContentLine] {
        var lines: [ContentLine] = []
        var start = 0
        var number = 1
        while start < bytes.count, lines.count < PayloadLimits.maxKeptLines {
            let end = (start..<bytes.count).first { bytes[$0] == UInt8(ascii: "\n") } ?? bytes.count
            let cut = min(end, start + PayloadLimits.maxLineBytes)
            lines.append(ContentLine(number: number, text: String(decoding: bytes[start..<cut], as: UTF8.self)))
            start = end + 1
            number += 1
        }
        return lines
    }

    /// Lines of a text file where a marker occurs; a long line yields the piece around each marker.
    private func textLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [ContentLine] {
        var lines: [ContentLine] = []
        var position = 0
        var counted = 0
        var number = 1
        while lines.count < PayloadLimits.maxKeptLines, position < bytes.count,
              let hit = needles.firstHit(in: bytes, from: position) {
            let piece = Self.piece(around: hit, in: bytes, floor: position) { $0 == UInt8(ascii: "\n") }
            for index in counted..<piece.lowerBound where bytes[index] == UInt8(ascii: "\n") { number += 1 }
            counted = piece.lowerBound
            lines.append(ContentLine(number: number, text: String(decoding: bytes[piece], as: UTF8.self)))
            position = max(piece.upperBound, hit + 1)
            if Self.startsPrivateKey(bytes[piece]) {
                position = keyBody(after: piece.upperBound, in: bytes, number: &number, counted: &counted,
                                   into: &lines)
            }
        }
        return lines
    }

    /// Printable runs of a binary where a marker occurs, numbered by byte offset.
    private func binaryRuns(_ bytes: UnsafeBufferPointer<UInt8>) -> [ContentLine] {
        var runs: [ContentLine] = []
        var position = 0
        while runs.count < PayloadLimits.maxKeptLines, position < bytes.count,
              let hit = needles.firstHit(in: bytes, from: position) {
            let piece = Self.piece(around: hit, in: bytes, floor: position) { !Self.isPrintable($0) }
            if piece.count >= PayloadLimits.minStringRun {
                runs.append(ContentLine(number: piece.lowerBound, text: String(decoding: bytes[piece], as: UTF8.self)))
            }
            position = max(piece.upperBound, hit + 1)
        }
        return runs
    }

    /// The lines after a private key's header up to its footer, so the key can be told from a format string.
    private func keyBody(after start: Int, in bytes: UnsafeBufferPointer<UInt8>, number: inout Int,
                         counted: inout Int, into lines: inout [ContentLine]) -> Int {
        var position = start
        for _ in 0..<PayloadLimits.maxKeyBodyLines where position < bytes.count {
            if bytes[position] == UInt8(ascii: "\n") { position += 1 }
            let end = (position..<min(bytes.count, position + PayloadLimits.maxLineBytes))
                .first { bytes[$0] == UInt8(ascii: "\n") } ?? min(bytes.count, position + PayloadLimits.maxLineBytes)
            for index in counted..<position where bytes[index] == UInt8(ascii: "\n") { number += 1 }
            counted = position
            let text = String(decoding: bytes[position..<end], as: UTF8.self)
            lines.append(ContentLine(number: number, text: text))
            position = end
            if text.contains("-----END") { break }
        }
        return position
    }

    /// The line (or run) holding `hit`, cut to at most `maxLineBytes` around it, never starting before `floor`.
    private static func piece(around hit: Int, in bytes: UnsafeBufferPointer<UInt8>, floor: Int,
                              isBreak: (UInt8) -> Bool) -> Range<Int> {
        let lead = PayloadLimits.maxLineBytes / 4
        var start = hit
        while start > floor, hit - start < lead, !isBreak(bytes[start - 1]) { start -= 1 }
        var end = hit
        let limit = min(bytes.count, start + PayloadLimits.maxLineBytes)
        while end < limit, !isBreak(bytes[end]) { end += 1 }
        return start..<end
    }

    private static func startsPrivateKey(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        String(decoding: bytes, as: UTF8.self).contains("PRIVATE KEY-----")
    }

    private static func isPrintable(_ byte: UInt8) -> Bool { (0x20...0x7e).contains(byte) || byte == 0x09 }
}

/// One line of a text file, or one printable run of a binary, as the detectors read it.
struct ContentLine: Sendable, Hashable {
    /// The 1-based line number in a text file, or the byte offset of the run in a binary.
    var number: Int
    /// The line's text, at most `PayloadLimits.maxLineBytes` bytes of it, decoded as UTF-8 with replacement.
    var text: String

    /// Creates a line.
    init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// How kept lines travel through the layer pass: the pass holds bytes, so the lines a request keeps are written
/// as `number TAB text` lines after a marker that says the bytes are this encoding and not a file's contents.
enum ContentLineEncoding {
    /// Starts every encoded capture: a NUL, then a name and a number drawn when the process starts.
    ///
    /// Why random: a file kept whole by another analyzer (a setuid binary) is read raw; if it could start with a
    /// marker known in advance, it would be read as the lines it chose and hide the rest of its bytes.
    static let marker: [UInt8] = {
        let nonce = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        return Array("\u{0}safeguard-content-lines-\(nonce)\n".utf8)
    }()

    static func encode(_ lines: [ContentLine], binary: Bool) -> [UInt8] {
        var bytes = marker
        bytes += Array((binary ? "binary\n" : "text\n").utf8)
        for line in lines {
            bytes += Array("\(line.number)\t".utf8)
            bytes += line.text.utf8.map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: " ") : $0 }
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// The lines of an encoded capture and whether they are a binary's runs; nil when `bytes` are not one.
    static func decode(_ bytes: [UInt8]) -> (lines: [ContentLine], binary: Bool)? {
        guard bytes.starts(with: marker) else { return nil }
        var lines: [ContentLine] = []
        let body = bytes[marker.count...]
        let binary = body.starts(with: "binary\n".utf8)
        // Why: only our own reducer should write this, but the bytes are still the image's: bound the count.
        for raw in body.split(separator: UInt8(ascii: "\n")).dropFirst().prefix(ContentLineExtraction.maxLines) {
            guard let tab = raw.firstIndex(of: UInt8(ascii: "\t")),
                  let number = Int(String(decoding: raw[raw.startIndex..<tab], as: UTF8.self)) else { continue }
            lines.append(ContentLine(number: number, text: String(decoding: raw[(tab + 1)...], as: UTF8.self)))
        }
        return (lines, binary)
    }
}

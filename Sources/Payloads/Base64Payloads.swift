import Foundation

/// Base64 runs in a unit's lines, decoded, so that a payload hidden as `echo <base64> | base64 -d | sh` in a
/// history step or script is judged by what it decodes to.
enum Base64Payloads {
    /// Whether each byte is in the base64 alphabet (`=` padding apart).
    static let alphabet: [Bool] = (0...255).map { byte in
        (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x2b || byte == 0x2f
    }
    /// What a line that decodes base64 says.
    static let decoders = NeedleSet(["base64 -", "b64decode(", "base64_decode(", "atob(", "frombase64",
                                     "openssl enc -d"])

    /// Units holding the decoded text of each base64 run of `unit` that decodes to text, recursively up to
    /// `PayloadLimits.maxBase64Depth`, at most `maxBase64RunsPerText` runs per text.
    static func decodedUnits(_ unit: ContentUnit, depth: Int = 1) -> [ContentUnit] {
        guard depth <= PayloadLimits.maxBase64Depth, !unit.isBinary else { return [] }
        var units: [ContentUnit] = []
        var runs = 0
        let isFile = unit.path != nil
        // In files only lines that decode something are searched: a script's hashes and keys are not payloads
        // unless it decodes them. History and config are few and short, and decoded whole.
        for line in unit.lines where !isFile || decoders.occurs(in: line.text) {
            for run in base64Runs(in: line.text) {
                guard runs < PayloadLimits.maxBase64RunsPerText else { return units }
                runs += 1
                guard let text = decodeText(run) else { continue }
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                    .prefix(PayloadLimits.maxKeptLines)
                    .map { ContentLine(number: line.number,
                                       text: String($0.element.prefix(PayloadLimits.maxLineBytes))) }
                let decoded = ContentUnit(origin: unit.origin, lines: lines,
                                          decodedFrom: String(run.prefix(16)) + "… (\(run.count) characters)")
                units.append(decoded)
                units += decodedUnits(decoded, depth: depth + 1)
            }
        }
        return units
    }

    /// Runs of base64 characters (with `=` padding) of at least `minBase64Run` characters.
    static func base64Runs(in text: String) -> [Substring] {
        let bytes = Array(text.utf8)
        var runs: [Substring] = []
        var index = 0
        while index < bytes.count {
            guard alphabet[Int(bytes[index])] else { index += 1; continue }
            var end = index
            while end < bytes.count, alphabet[Int(bytes[end])] { end += 1 }
            while end < bytes.count, bytes[end] == UInt8(ascii: "=") { end += 1 }
            let count = end - index
            if count >= PayloadLimits.minBase64Run, count <= PayloadLimits.maxBase64Run {
                // ASCII only, so byte offsets are character offsets of the same run.
                let utf8 = text.utf8
                let start = utf8.index(utf8.startIndex, offsetBy: index)
                runs.append(text[start..<utf8.index(start, offsetBy: count)])
            }
            index = end
        }
        return runs
    }

    /// The run decoded, when it decodes to text: at least 90% printable ASCII or whitespace. Hashes, keys and
    /// identifiers that happen to be base64 characters decode to noise and are dropped.
    static func decodeText(_ run: Substring) -> String? {
        var padded = String(run)
        while padded.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded), data.count >= 8 else { return nil }
        let printable = data.filter { (0x20...0x7e).contains($0) || $0 == 0x0a || $0 == 0x09 || $0 == 0x0d }.count
        guard printable * 10 >= data.count * 9 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

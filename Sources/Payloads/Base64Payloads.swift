import Foundation

/// Base64 runs in a unit's lines, decoded, so that a payload hidden as `echo <base64> | base64 -d | sh` in a
/// history step or script is judged by what it decodes to.
enum Base64Payloads {
    static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// Units holding the decoded text of each base64 run of `unit` that decodes to text, recursively up to
    /// `PayloadLimits.maxBase64Depth`, at most `maxBase64RunsPerText` runs per text.
    static func decodedUnits(_ unit: ContentUnit, depth: Int = 1) -> [ContentUnit] {
        guard depth <= PayloadLimits.maxBase64Depth, !unit.isBinary else { return [] }
        var units: [ContentUnit] = []
        var runs = 0
        for line in unit.lines {
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
        var runs: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard alphabet.contains(text[index]) else { index = text.index(after: index); continue }
            var end = index
            while end < text.endIndex, alphabet.contains(text[end]) { end = text.index(after: end) }
            while end < text.endIndex, text[end] == "=" { end = text.index(after: end) }
            let run = text[index..<end]
            if run.count >= PayloadLimits.minBase64Run, run.count <= PayloadLimits.maxBase64Run { runs.append(run) }
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

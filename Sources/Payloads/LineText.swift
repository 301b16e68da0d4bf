import Foundation

/// Small matching helpers over a line's lowercased text, shared by the detectors.
enum LineText {
    /// Whether `word` occurs in `text` with no letter, digit or underscore right before or after it.
    static func containsWord(_ word: String, in text: String) -> Bool {
        firstWord(word, in: text) != nil
    }

    /// Where `word` first occurs in `text` as a whole word.
    static func firstWord(_ word: String, in text: String) -> Range<String.Index>? {
        var searchStart = text.startIndex
        while let range = text.range(of: word, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before.map(isWordCharacter) ?? false), !(after.map(isWordCharacter) ?? false) { return range }
            searchStart = range.upperBound
        }
        return nil
    }

    /// The first of `markers` found in `text`, if any.
    static func first(of markers: [String], in text: String) -> String? {
        markers.first { text.contains($0) }
    }

    /// The first of `words` found in `text` as a whole word, if any.
    static func firstWord(of words: [String], in text: String) -> String? {
        words.first { containsWord($0, in: text) }
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }

    /// The command a shell stage runs: its first word after `sudo`, `env`, `exec`, `nohup`, `time`, Docker's `RUN`,
    /// `sh -c` and variable assignments, without its directory (`/bin/sh` is `sh`); `busybox wget` is `wget`.
    static func commandWord(_ stage: Substring) -> String? {
        var tokens = stage.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" || $0 == "{" })[...]
        var wrapped = false
        while let head = tokens.first {
            let word = head.split(separator: "/").last ?? head
            if ["sudo", "env", "exec", "nohup", "time", "busybox", "then", "do", "!", "run"].contains(word)
                || head.contains("=") && !head.hasPrefix("-") || wrapped && head.hasPrefix("-") {
                // A wrapper's own options (`sudo -E`, `env -i`) come before the command it runs.
                wrapped = wrapped || ["sudo", "env", "exec", "nohup"].contains(word)
                tokens = tokens.dropFirst()
            } else if ["sh", "bash", "ash", "dash", "zsh"].contains(word), tokens.dropFirst().first == "-c" {
                // `RUN /bin/sh -c CMD` in history, `["sh", "-c", CMD]` in cmd: the command is CMD.
                tokens = tokens.dropFirst(2)
            } else {
                break
            }
        }
        guard let head = tokens.first else { return nil }
        return String(head.split(separator: "/").last ?? head)
    }

    /// The pipelines of a shell line: split at `;`, `&&`, `||` and newlines, each then split at `|` into stages.
    static func pipelines(_ text: String) -> [[Substring]] {
        let separated = text.replacingOccurrences(of: "&&", with: ";").replacingOccurrences(of: "||", with: ";")
        return separated.split(whereSeparator: { $0 == ";" || $0 == "\n" }).map { $0.split(separator: "|") }
    }
}

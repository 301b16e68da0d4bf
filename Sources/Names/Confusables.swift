import Foundation

/// Characters that look like others: the Unicode look-alikes a name can be written with, and the ASCII ones that
/// survive in a reference (`0` for `o`, `rn` for `m`).
///
/// Why: a reference that reads `docker.io/library/alpine` on screen can hold a Cyrillic `а`, a punycode host or a
/// zero where the `o` was; the check compares what a person sees, not the bytes.
enum Confusables {
    /// Non-ASCII letters mapped to the ASCII letter they are drawn like (lower case), from Unicode's confusables
    /// for the Cyrillic, Greek and Latin letters that matter in names.
    static let letters: [Unicode.Scalar: Character] = [
        // Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "к": "k", "м": "m",
        "н": "h", "т": "t", "ь": "b", "ɡ": "g", "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h",
        "О": "o", "Р": "p", "С": "c", "Т": "t", "Х": "x", "У": "y", "Ѕ": "s", "І": "i", "Ј": "j",
        // Greek
        "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
        "χ": "x", "γ": "y", "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m",
        "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
        // Latin look-alikes outside ASCII
        "ı": "i", "ł": "l", "ǀ": "l", "ꞁ": "l", "ꓲ": "l", "ℓ": "l", "ꮃ": "w",
    ]

    /// Characters that render as nothing: a name holding them looks like the same name without them.
    static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}",
                                                 "\u{00AD}"]

    /// `text` as it reads: look-alike letters replaced by ASCII, full-width forms narrowed, accents dropped,
    /// invisible characters removed, lower-cased. ASCII text comes back lower-cased and otherwise unchanged.
    static func skeleton(_ text: String) -> String {
        var result = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII {
                result.unicodeScalars.append(scalar)
            } else if let letter = letters[scalar] {
                result.append(letter)
            } else if (0xFF01...0xFF5E).contains(scalar.value), let narrow = Unicode.Scalar(scalar.value - 0xFEE0) {
                result.unicodeScalars.append(narrow)
            } else if invisible.contains(scalar) || scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result.lowercased()
    }

    /// ASCII look-alikes folded to one form: `0`→`o`, `1`/`i`/`l`→`l`, `rn`→`m`, `vv`→`w`. Two names with the
    /// same fold look the same at a glance.
    static func fold(_ text: String) -> String {
        var result = text.lowercased()
        for (from, to) in [("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("i", "l"), ("|", "l")] {
            result = result.replacingOccurrences(of: from, with: to)
        }
        return result
    }
}

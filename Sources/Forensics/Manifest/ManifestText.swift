/// Text taken from a manifest, index or config, made safe to put in a finding.
///
/// Why: keys, values and URLs come from a hostile document. Shown raw, an ESC sequence would drive the reader's
/// terminal, a newline would forge report lines and a megabyte-long key would bury the report. Nothing is dropped
/// silently: control characters become `\xNN` or `\u{NNNN}`, `\` and `"` are escaped so an escape can be told from
/// the same characters in the text, and what is cut for length says how long it was.
enum ManifestText {
    /// How many characters of a field are shown; keys and URLs are short, and more than this is the attack itself.
    static let maxShown = 200

    /// `text` in double quotes with its control characters escaped, cut to `maxShown` characters.
    static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }

    /// `text` with its control characters, `\` and `"` escaped, cut to `maxShown` characters.
    static func escaped(_ text: String) -> String {
        var result = ""
        var shown = 0
        for scalar in text.unicodeScalars {
            if shown == maxShown {
                return result + "…(\(text.utf8.count) bytes)"
            }
            shown += 1
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case _ where isControl(scalar):
                let hex = String(scalar.value, radix: 16)
                result += scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 controls (tab, newline and carriage return included), DEL and C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
    }
}

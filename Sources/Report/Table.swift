import Foundation

/// A plain text table with aligned columns, as `docker images` prints them.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    /// Renders the table; `style` styles the header. Cells are measured without escape codes.
    func render(style: TextStyle) -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(Self.visibleWidth).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                guard column < cells.count - 1 else { return cell }
                return cell + String(repeating: " ", count: widths[column] - Self.visibleWidth(cell))
            }.joined(separator: "  ")
        }
        return ([style.bold(line(headers))] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// The width of `text` on a terminal, ignoring ANSI escape sequences.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape { if scalar == "m" { inEscape = false }; continue }
            if scalar == "\u{1B}" { inEscape = true; continue }
            width += 1
        }
        return width
    }
}

/// Human sizes as docker prints them (`12.3MB`).
func formatBytes(_ bytes: Int64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
    return unit == 0 ? "\(bytes)B" : String(format: "%.3g%@", value, units[unit])
}

/// Text from image content, made safe for a terminal: control characters are escaped so a hostile
/// `created_by` or label cannot move the cursor or rewrite earlier output.
func terminalSafe(_ text: String, limit: Int? = nil) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
            result += scalar == "\n" ? "\\n" : scalar == "\t" ? "\\t" : String(format: "\\x%02X", scalar.value)
        } else {
            result.unicodeScalars.append(scalar)
        }
    }
    guard let limit, result.count > limit else { return result }
    return String(result.prefix(limit - 1)) + "…"
}

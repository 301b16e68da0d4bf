import Foundation

/// A plain text table with aligned columns, as `docker images` prints them.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    /// Renders the table; `style` styles the header. Cells are measured without escape codes.
    func render(style: TextStyle) -> String {
        // Each cell is measured once: a vulnerability table can hold tens of thousands of cells.
        let headerWidths = headers.map(Self.visibleWidth)
        let rowWidths = rows.map { $0.map(Self.visibleWidth) }
        var widths = headerWidths
        for row in rowWidths {
            for (column, width) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], width)
            }
        }
        // Lines are assembled as bytes: appending to a String character by character costs more than the cells.
        func append(_ cells: [String], measured: [Int], to bytes: inout [UInt8]) {
            for (column, cell) in cells.enumerated() {
                bytes.append(contentsOf: cell.utf8)
                guard column < cells.count - 1 else { break }
                let padding = column < widths.count ? widths[column] - measured[column] : 0
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding + 2))
            }
        }
        var header: [UInt8] = []
        append(headers, measured: headerWidths, to: &header)
        var bytes = Array((style.bold(String(decoding: header, as: UTF8.self)) + "\n").utf8)
        bytes.reserveCapacity(bytes.count + rows.count * (widths.reduce(0, +) + 2 * widths.count + 1))
        for (row, measured) in zip(rows, rowWidths) {
            append(row, measured: measured, to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The width of `text` on a terminal, ignoring ANSI escape sequences: its Unicode scalars outside them.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for byte in text.utf8 {
            if inEscape { if byte == UInt8(ascii: "m") { inEscape = false }; continue }
            if byte == 0x1B { inEscape = true; continue }
            // A scalar is one lead byte and its continuation bytes (0b10xxxxxx); count the leads.
            if byte & 0xC0 != 0x80 { width += 1 }
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

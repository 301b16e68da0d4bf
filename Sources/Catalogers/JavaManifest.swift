/// The main section of a jar's `META-INF/MANIFEST.MF`: `Name: value` attributes, before the first blank line.
///
/// Lines are at most 72 bytes; a longer value continues on lines that start with one space, which is dropped.
/// Names are compared as written: the specification calls them case-insensitive, but every tool writes them in
/// the canonical case and a lookup by that case is what syft does too.
struct JavaManifest: Equatable {
    /// Attribute name → value, for the main section.
    var attributes: [String: String]

    /// Parses the manifest text in `bytes`; lines that are not `Name: value` are ignored.
    init(parsing bytes: [UInt8]) {
        var attributes: [String: String] = [:]
        var current: (name: String, value: String)?
        let text = String(decoding: bytes, as: UTF8.self)
        // Swift reads `\r\n` as one character, so the three line ends the specification allows are three cases.
        let isLineEnd: (Character) -> Bool = { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: isLineEnd) {
            if line.hasPrefix(" "), current != nil {
                current!.value += line.dropFirst()
                continue
            }
            if let (name, value) = current { attributes[name] = value }
            current = nil
            // The main section ends at the first blank line; per-entry sections follow and are not read.
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...]
            current = (String(line[..<colon]), String(value.hasPrefix(" ") ? value.dropFirst() : value))
        }
        if let (name, value) = current { attributes[name] = value }
        self.attributes = attributes
    }

    /// The value of `name`, trimmed, or nil when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = attributes[name]?[...].trimmingSpaces(), !value.isEmpty else { return nil }
        return value
    }
}

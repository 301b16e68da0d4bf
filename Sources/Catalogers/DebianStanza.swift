/// One paragraph of a Debian control-style file (dpkg's status database): `Field: value` lines, continuation
/// lines starting with a space or tab, paragraphs separated by blank lines.
struct DebianStanza {
    private var fields: [String: String] = [:]

    /// The value of a field, continuation lines joined with newlines; field names compare case-insensitively.
    subscript(name: String) -> String? { fields[name.lowercased()] }

    /// Why a control file was rejected.
    enum ParseError: Error, CustomStringConvertible {
        case continuationWithoutField(line: Int)
        case lineWithoutColon(line: Int)
        case truncated(line: Int)

        var description: String {
            switch self {
            case .continuationWithoutField(let line): "line \(line): a continuation line with no field before it"
            case .lineWithoutColon(let line): "line \(line): not a 'Field: value' line"
            case .truncated(let line): "line \(line): the file ends inside a paragraph without a Package field"
            }
        }
    }

    /// Splits a control file into paragraphs.
    static func parse(_ bytes: [UInt8]) throws(ParseError) -> [DebianStanza] {
        var stanzas: [DebianStanza] = []
        var current = DebianStanza()
        var lastField: String?
        var lineNumber = 0
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                if !current.fields.isEmpty { stanzas.append(current) }
                current = DebianStanza()
                lastField = nil
                continue
            }
            if line.first == " " || line.first == "\t" {
                guard let field = lastField else { throw .continuationWithoutField(line: lineNumber) }
                current.fields[field, default: ""] += "\n" + line.dropFirst()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw .lineWithoutColon(line: lineNumber) }
            let name = line[..<colon].lowercased()
            current.fields[name] = line[line.index(after: colon)...].trimmingLeadingSpaces()
            lastField = name
        }
        if !current.fields.isEmpty {
            // A status file always ends with a blank line; a last paragraph cut short lost its later fields.
            guard current["Package"] != nil, current["Version"] != nil || current["Status"] != nil else {
                throw .truncated(line: lineNumber)
            }
            stanzas.append(current)
        }
        return stanzas
    }
}

extension Substring {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " || $0 == "\t" }) }
}

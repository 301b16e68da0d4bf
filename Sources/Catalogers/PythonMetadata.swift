/// The header of a Python core-metadata file (`METADATA`, `PKG-INFO`): RFC 822-style `Field: value` lines,
/// continuation lines starting with a space or tab. The description after the first blank line is not read.
struct PythonMetadata {
    /// Fields in file order; a field such as `Classifier` may repeat.
    private(set) var fields: [(name: String, value: String)] = []

    /// Why a metadata file was rejected.
    enum ParseError: Error, Equatable, CustomStringConvertible {
        case binary(offset: Int)
        case notUTF8
        case continuationWithoutField(line: Int)
        case missingField(String)

        var description: String {
            switch self {
            case .binary(let offset): "binary data (a NUL byte at offset \(offset)) in the metadata header"
            case .notUTF8: "the metadata header is not UTF-8"
            case .continuationWithoutField(let line): "line \(line): a continuation line with no field before it"
            case .missingField(let field): "no \(field) field in the metadata header"
            }
        }
    }

    /// The first value of `name` (compared case-insensitively), if any.
    func first(_ name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name == key }?.value
    }

    /// Every value of `name`, in file order.
    func all(_ name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name == key }.map(\.value)
    }

    /// Reads the header of `bytes`, requiring non-empty `Name` and `Version` fields.
    static func parse(_ bytes: [UInt8]) throws(ParseError) -> PythonMetadata {
        let header = headerBytes(bytes)
        // Core metadata is UTF-8 text; a NUL in the header means a binary or corrupted file, not metadata.
        if let nul = header.firstIndex(of: 0) { throw .binary(offset: nul) }
        guard let text = String(validating: header, as: UTF8.self) else { throw .notUTF8 }

        var metadata = PythonMetadata()
        var lineNumber = 0
        // Swift reads "\r\n" as one character, so both line ends are named.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            if line.first == " " || line.first == "\t" {
                guard !metadata.fields.isEmpty else { throw .continuationWithoutField(line: lineNumber) }
                let continued = line.drop { $0 == " " || $0 == "\t" }
                metadata.fields[metadata.fields.count - 1].value += "\n" + continued
                continue
            }
            // As Python's email parser does, a line that is not a header ends the header (it starts the body).
            guard let colon = line.firstIndex(of: ":") else { break }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            metadata.fields.append((name, value))
        }
        for required in ["Name", "Version"] where (metadata.first(required) ?? "").isEmpty {
            throw .missingField(required)
        }
        return metadata
    }

    /// The bytes before the first blank line: the description after it may be megabytes and is never needed.
    private static func headerBytes(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var index = bytes.startIndex
        var lineStart = true
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                if lineStart { return bytes[..<index] }
                lineStart = true
            } else if byte != UInt8(ascii: "\r") {
                lineStart = false
            }
            index += 1
        }
        return bytes[...]
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var trimmed = drop { $0 == " " || $0 == "\t" }
        while trimmed.last == " " || trimmed.last == "\t" { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}

import Foundation
import ImageModel
import SBOM

/// apk's installed database (`lib/apk/db/installed`, format v2): one paragraph per package, each line a one-letter
/// field, `:` and a value, a blank line after each paragraph. `F:` names a directory the package owns; each `R:`
/// after it names a file in that directory, followed by that file's `a:` (owner and mode) and `Z:` (checksum).
struct ApkDatabase {
    /// One package's paragraph.
    struct Record {
        /// Single-valued fields by letter (`P` name, `V` version, `A` arch, `o` origin, `L` licence, `D` depends…).
        var fields: [UInt8: String] = [:]
        /// The files the package installed, root-relative, in database order.
        var files: [PackageFile] = []
        /// The line the paragraph starts on.
        var line: Int

        /// The value of field `letter`.
        subscript(letter: Character) -> String? { letter.asciiValue.flatMap { fields[$0] } }
    }

    /// Why a database was rejected. Each case names the line, counted from 1.
    enum ParseError: Error, Equatable, CustomStringConvertible {
        case lineTooLong(line: Int)
        case notUTF8(line: Int)
        case notAField(line: Int)
        case repeatedField(line: Int, field: Character)
        case fileOutsideDirectory(line: Int)
        case checksumWithoutFile(line: Int)
        case invalidChecksum(line: Int, value: String)
        case invalidPath(line: Int, value: String)
        case missingField(line: Int, field: Character)
        case truncated(line: Int)

        var description: String {
            switch self {
            case .lineTooLong(let line): "line \(line): longer than \(ApkDatabase.maxLineLength) bytes"
            case .notUTF8(let line): "line \(line): not UTF-8"
            case .notAField(let line): "line \(line): not a 'K:value' line"
            case .repeatedField(let line, let field): "line \(line): a second '\(field):' field in one package"
            case .fileOutsideDirectory(let line): "line \(line): an 'R:' file before any 'F:' directory"
            case .checksumWithoutFile(let line): "line \(line): a 'Z:' checksum with no 'R:' file before it"
            case .invalidChecksum(let line, let value):
                "line \(line): checksum '\(value.prefix(64))' is neither Q1 and base64 SHA-1 nor hex MD5"
            case .invalidPath(let line, let value): "line \(line): path '\(value.prefix(256))' is not a plain path"
            case .missingField(let line, let field): "line \(line): a package with no '\(field):' field"
            case .truncated(let line): "line \(line): the file ends inside a line"
            }
        }
    }

    /// Why: the longest lines of a real database are dependency and provides lists of a few KiB. A longer one is
    /// hostile, and its value would be copied into every record, purl and report that names the package.
    static let maxLineLength = 64 * 1024

    /// The packages of a database, in file order.
    static func parse(_ bytes: [UInt8]) throws(ParseError) -> [Record] {
        var parser = ApkDatabase()
        var lineNumber = 0
        var start = bytes.startIndex
        while start < bytes.endIndex {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            guard end - start <= maxLineLength else { throw .lineTooLong(line: lineNumber) }
            // apk ends every line with a newline; a last line without one was cut short, and its value with it.
            guard end < bytes.endIndex else { throw .truncated(line: lineNumber) }
            try parser.read(bytes[start..<end], line: lineNumber)
            start = end + 1
        }
        try parser.endParagraph()
        return parser.records
    }

    private var records: [Record] = []
    private var current: Record?
    private var directory: String?
    private var fileIndex: Int?

    private mutating func read(_ line: ArraySlice<UInt8>, line number: Int) throws(ParseError) {
        guard !line.isEmpty else { return try endParagraph() }
        guard line.count >= 2, let letter = line.first, Self.isLetter(letter),
              line[line.startIndex + 1] == UInt8(ascii: ":") else { throw .notAField(line: number) }
        guard let value = String(validating: line.dropFirst(2), as: UTF8.self) else { throw .notUTF8(line: number) }
        var record = current ?? Record(line: number)
        switch letter {
        case UInt8(ascii: "F"):
            directory = try Self.directoryPath(value, line: number)
            fileIndex = nil
        case UInt8(ascii: "R"):
            guard let directory else { throw .fileOutsideDirectory(line: number) }
            // Why: a name with `/`, `.` or `..` would attribute to the package a file outside the directory that
            // `F:` names, and the integrity check would then vouch for a path the package never installed.
            guard !value.isEmpty, !value.contains("/"), value != ".", value != ".." else {
                throw .invalidPath(line: number, value: value)
            }
            record.files.append(PackageFile(path: directory.isEmpty ? value : directory + "/" + value))
            fileIndex = record.files.count - 1
        case UInt8(ascii: "Z"):
            guard let fileIndex else { throw .checksumWithoutFile(line: number) }
            record.files[fileIndex].digest = try Self.digest(value, line: number)
        case UInt8(ascii: "a"), UInt8(ascii: "M"):
            break  // owner and mode of the file or directory: not part of the SBOM
        default:
            // Why: two names or versions in one paragraph would let readers disagree on which package it is.
            if record.fields[letter] != nil, Self.identityFields.contains(letter) {
                throw .repeatedField(line: number, field: Character(Unicode.Scalar(letter)))
            }
            record.fields[letter] = value
        }
        current = record
    }

    /// The fields that say which package a paragraph is.
    private static let identityFields: Set<UInt8> = [UInt8(ascii: "P"), UInt8(ascii: "V"), UInt8(ascii: "A")]

    private mutating func endParagraph() throws(ParseError) {
        defer {
            current = nil
            directory = nil
            fileIndex = nil
        }
        guard let record = current else { return }
        for field in ["P", "V"] as [Character] where record[field] == nil {
            throw .missingField(line: record.line, field: field)
        }
        records.append(record)
    }

    /// `F:` names a directory relative to the root, without a leading `/`; the root itself is empty.
    private static func directoryPath(_ value: String, line: Int) throws(ParseError) -> String {
        let segments = value.split(separator: "/", omittingEmptySubsequences: true)
        // Why: as for file names, a `..` would move the package's files outside the tree it installed.
        guard !segments.contains(where: { $0 == "." || $0 == ".." }) else {
            throw .invalidPath(line: line, value: value)
        }
        return segments.joined(separator: "/")
    }

    /// `Q1` and the base64 of a SHA-1 digest, or, from old apk versions, an MD5 digest in hex.
    static func digest(_ value: String, line: Int) throws(ParseError) -> String {
        if value.hasPrefix("Q1"), let data = Data(base64Encoded: String(value.dropFirst(2))), data.count == 20 {
            return "sha1:" + hexEncoded(data)
        }
        if value.utf8.count == 32, value.utf8.allSatisfy({ isHexDigit($0) }) { return "md5:" + value.lowercased() }
        throw .invalidChecksum(line: line, value: value)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}

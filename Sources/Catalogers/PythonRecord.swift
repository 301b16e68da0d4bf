import ImageModel
import SBOM

/// A wheel's `RECORD` (PEP 376, PEP 627): one CSV row per installed file, `path,algorithm=digest,size`, the digest
/// in URL-safe base64 without padding and the path relative to the directory holding the `.dist-info`.
enum PythonRecord {
    /// Why a row of a `RECORD` was set aside.
    enum RowError: Error, Equatable, CustomStringConvertible {
        case unterminatedQuote(line: Int)
        case badDigest(line: Int)
        case escapesRoot(line: Int)

        var description: String {
            switch self {
            case .unterminatedQuote(let line): "line \(line): a quoted field that never ends"
            case .badDigest(let line): "line \(line): a digest that is not 'algorithm=urlsafe-base64'"
            case .escapesRoot(let line): "line \(line): a path that climbs above the root"
            }
        }
    }

    /// Byte lengths of the digests a `RECORD` may carry; another algorithm's digest is kept if it decodes.
    static let digestLengths = ["sha256": 32, "sha384": 48, "sha512": 64, "sha224": 28, "sha1": 20, "md5": 16]

    /// The files `bytes` lists, root-relative, with digests as `algorithm:hex`, and the rows that were set aside
    /// or lost their digest.
    static func parse(_ bytes: [UInt8], base: String) -> (files: [PackageFile], problems: [RowError]) {
        var files: [PackageFile] = []
        var problems: [RowError] = []
        var lineNumber = 0
        let text = String(decoding: bytes, as: UTF8.self)
        // Swift reads "\r\n" as one character, so both line ends are named.
        for row in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            guard !row.isEmpty else { continue }
            guard let fields = csvFields(row) else {
                problems.append(.unterminatedQuote(line: lineNumber))
                continue
            }
            guard !fields[0].isEmpty else { continue }
            // A RECORD path is only a name compared with the image's own entries, never a host path; one that
            // climbs above the root names nothing in the image and is dropped.
            guard let path = resolve(fields[0], base: base) else {
                problems.append(.escapesRoot(line: lineNumber))
                continue
            }
            var digest: String?
            if fields.count > 1, !fields[1].isEmpty {
                digest = decodeDigest(fields[1])
                if digest == nil { problems.append(.badDigest(line: lineNumber)) }
            }
            files.append(PackageFile(path: path, digest: digest))
        }
        return (files, problems)
    }

    /// The fields of one CSV row as Python's `csv` module writes them: `"` quotes a field, `""` inside is a `"`.
    static func csvFields(_ row: Substring) -> [String]? {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = row.makeIterator()
        var pending: Character? = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        guard !quoted else { return nil }
        fields.append(field)
        return fields
    }

    /// `algorithm=urlsafe-base64` as `algorithm:hex`, or nil when it does not decode to the algorithm's length.
    ///
    /// Some Debian builds write hex instead (bookworm's python3-charset-normalizer does); for a known algorithm a
    /// hex digest has twice the byte length in characters, which no base64 of the right length has, so both are
    /// read without ambiguity.
    static func decodeDigest(_ field: String) -> String? {
        guard let equals = field.firstIndex(of: "=") else { return nil }
        let algorithm = field[..<equals].lowercased()
        let encoded = field[field.index(after: equals)...]
        guard !algorithm.isEmpty, algorithm.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return nil
        }
        if let length = digestLengths[algorithm], encoded.count == 2 * length,
           encoded.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
            return algorithm + ":" + encoded
        }
        guard let digest = base64URLDecode(encoded), !digest.isEmpty,
              digestLengths[algorithm].map({ $0 == digest.count }) ?? true
        else { return nil }
        return algorithm + ":" + hexEncoded(digest)
    }

    /// RFC 4648 §5 base64 with `-` and `_`, padding optional; nil on any other character or a bad length.
    static func base64URLDecode(_ text: Substring) -> [UInt8]? {
        var symbols = Array(text.utf8)
        while symbols.last == UInt8(ascii: "=") { symbols.removeLast() }
        guard symbols.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(symbols.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for symbol in symbols {
            let value: UInt32
            switch symbol {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(symbol - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(symbol - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(symbol - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "_"): value = 63
            default: return nil
            }
            accumulator = (accumulator << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }

    /// `path` joined to `base` with `.` and `..` resolved, root-relative; absolute paths are taken from the root.
    /// Nil when `..` climbs above the root.
    static func resolve(_ path: String, base: String) -> String? {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var components: [Substring] = []
        for component in joined.split(separator: "/") where component != "." {
            if component == ".." {
                guard components.popLast() != nil else { return nil }
            } else {
                components.append(component)
            }
        }
        return components.isEmpty ? nil : components.joined(separator: "/")
    }
}

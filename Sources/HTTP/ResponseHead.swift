/// A response's status line and header fields, read within fixed bounds.
struct ResponseHead {
    let status: Int
    let headers: HTTPHeaders

    /// Why 64 KiB: registry response heads are a few KiB at most; this leaves room for long `Link` or
    /// `WWW-Authenticate` headers while capping what a hostile server can make the client hold.
    static let maxHeadBytes = 64 * 1024
    /// Why 200 lines: real responses carry a few dozen; many tiny lines would cost per-field overhead
    /// far beyond their bytes.
    static let maxHeaderLines = 200
    /// Why 10: a server may send a few 1xx interim responses (e.g. 103 Early Hints) before the final one;
    /// an endless stream of them must not keep the client busy.
    static let maxInterimResponses = 10

    /// Reads the final response head, skipping interim 1xx responses.
    /// - Throws: `HTTPError.connectionLost` if the server closes before answering, `.malformedResponse` for
    ///   anything not HTTP/1.x or over the bounds, transport errors as they come.
    static func read(from reader: BufferedReader, url: String) throws -> ResponseHead {
        var budget = Budget(bytes: maxHeadBytes, lines: maxHeaderLines)
        for _ in 0..<maxInterimResponses {
            guard let statusLine = try readLine(reader, budget: &budget, url: url) else {
                throw HTTPError.connectionLost(url: url, reason: "server closed the connection without answering")
            }
            let status = try parseStatusLine(statusLine, url: url)
            let headers = try readFields(from: reader, budget: &budget, url: url)
            if status >= 200 { return ResponseHead(status: status, headers: headers) }
        }
        throw HTTPError.malformedResponse(url: url, reason: "more than \(maxInterimResponses) interim 1xx responses")
    }

    /// What is left of the bounds on one head, shared by interim responses and, separately, by trailers.
    struct Budget {
        var bytes: Int
        var lines: Int
    }

    /// Reads header fields up to the empty line that ends them; used for the head and for chunked trailers.
    static func readFields(from reader: BufferedReader, budget: inout Budget, url: String) throws -> HTTPHeaders {
        var headers = HTTPHeaders()
        while true {
            guard let line = try readLine(reader, budget: &budget, url: url) else {
                throw HTTPError.connectionLost(url: url, reason: "server closed the connection inside the headers")
            }
            if line.isEmpty { return headers }
            let field = try parseField(line, url: url)
            headers.add(field.name, field.value)
        }
    }

    private static func readLine(_ reader: BufferedReader, budget: inout Budget, url: String) throws -> [UInt8]? {
        guard budget.lines > 0 else {
            throw HTTPError.malformedResponse(url: url, reason: "more than \(maxHeaderLines) header lines")
        }
        let line: [UInt8]?
        do {
            line = try reader.readLine(maxLength: min(budget.bytes, BufferedReader.capacity - 2))
        } catch BufferedReader.LineFailure.tooLong {
            throw HTTPError.malformedResponse(url: url, reason: "response head larger than \(maxHeadBytes) bytes")
        }
        budget.lines -= 1
        budget.bytes -= (line?.count ?? 0) + 2
        return line
    }

    /// Parses `HTTP/1.x SSS reason`; the reason phrase is optional and ignored.
    static func parseStatusLine(_ line: [UInt8], url: String) throws -> Int {
        let malformed = HTTPError.malformedResponse(url: url, reason: "invalid status line '\(printable(line))'")
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard line.count >= 12, line.starts(with: Array("HTTP/1.".utf8)), digits.contains(line[7]),
              line[8] == UInt8(ascii: " "), line[9...11].allSatisfy(digits.contains),
              line.count == 12 || line[12] == UInt8(ascii: " ") else { throw malformed }
        let status = line[9...11].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard status >= 100 else { throw malformed }
        return status
    }

    /// Parses `name: value`, refusing what RFC 9112 says a recipient must reject.
    private static func parseField(_ line: [UInt8], url: String) throws -> HTTPHeaders.Field {
        // Why: obsolete line folding and whitespace before the colon are both request-smuggling vectors;
        // RFC 9112 §5.1 and §5.2 tell recipients to reject them.
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
              line[..<colon].allSatisfy(isTokenByte) else {
            // Only the part before any colon is shown: the value may be a cookie or token from the server.
            let name = line.prefix { $0 != UInt8(ascii: ":") }.prefix(40)
            throw HTTPError.malformedResponse(url: url, reason: "invalid header field name '\(printable(Array(name)))'")
        }
        let name = String(decoding: line[..<colon], as: UTF8.self)
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var value = line[(colon + 1)...]
        while let first = value.first, isSpace(first) { value = value.dropFirst() }
        while let last = value.last, isSpace(last) { value = value.dropLast() }
        return HTTPHeaders.Field(name: name, value: String(decoding: value, as: UTF8.self))
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// A short, printable rendering of a hostile line for an error message.
    static func printable(_ line: [UInt8]) -> String {
        let shown = line.prefix(80).map { (32...126).contains($0) ? Character(UnicodeScalar($0)) : "?" }
        return String(shown) + (line.count > 80 ? "…" : "")
    }
}

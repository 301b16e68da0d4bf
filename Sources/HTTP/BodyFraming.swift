/// How the end of a response body is found (RFC 9112 §6.3).
enum BodyFraming: Equatable {
    /// No body: HEAD, 204 and 304 responses.
    case empty
    /// Exactly this many bytes.
    case length(Int64)
    /// `Transfer-Encoding: chunked`.
    case chunked
    /// Everything until the server closes the connection.
    case untilClose

    /// Decides the framing from the request method, status and headers.
    ///
    /// When both `Transfer-Encoding: chunked` and `Content-Length` are present, chunked wins as RFC 9112 §6.3
    /// says; that is safe here because the connection is never reused, so a smuggled second response
    /// has nowhere to go.
    /// - Throws: `HTTPError.malformedResponse` for an unsupported transfer coding or a bad Content-Length.
    init(method: HTTPRequest.Method, status: Int, headers: HTTPHeaders, url: String) throws {
        if method == .head || status == 204 || status == 304 || (100..<200).contains(status) {
            self = .empty
            return
        }
        let codings = headers.values(for: "Transfer-Encoding")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingSpaces.lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        if !codings.isEmpty {
            // Why: a coding such as gzip applied on the wire would hand compressed bytes to a caller expecting
            // the resource itself; registries do not use them, so they are refused rather than half-supported.
            guard codings == ["chunked"] else {
                throw HTTPError.malformedResponse(
                    url: url, reason: "unsupported Transfer-Encoding '\(codings.joined(separator: ", "))'")
            }
            self = .chunked
            return
        }
        let lengths = headers.values(for: "Content-Length")
            .flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard let first = lengths.first else {
            self = .untilClose
            return
        }
        self = .length(try Self.parseContentLength(lengths, first: first, url: url))
    }

    /// Parses Content-Length values, which must all be the same non-negative decimal number.
    ///
    /// Why so strict: differing lengths, signs or non-digits are how a body boundary is made ambiguous;
    /// guessing one of them could let a hostile server hide or truncate bytes.
    private static func parseContentLength(_ values: [Substring], first: Substring, url: String) throws -> Int64 {
        let reference = first.trimmingSpaces
        guard values.allSatisfy({ $0.trimmingSpaces == reference }) else {
            throw HTTPError.malformedResponse(url: url, reason: "conflicting Content-Length values")
        }
        // At most 18 digits, so the value fits Int64 without overflow.
        guard !reference.isEmpty, reference.count <= 18,
              reference.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let length = Int64(reference) else {
            let shown = ResponseHead.printable(Array(reference.utf8))
            throw HTTPError.malformedResponse(url: url, reason: "invalid Content-Length '\(shown)'")
        }
        return length
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

import Foundation
import HTTP
import Testing
import TestSupport

/// Responses a hostile or broken server might send; each must fail with `malformedResponse` naming the URL.
@Suite struct HostileResponseTests {
    static let malformed: [(String, MisbehavingHTTPServer.Response)] = [
        // Not HTTP at all.
        ("garbage status line", .bytes("SSH-2.0-OpenSSH_9.6\r\n\r\n")),
        // Misspelled protocol.
        ("misspelled protocol", .bytes("HTPT/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")),
        // Four-digit status.
        ("four-digit status", .bytes("HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n")),
        // Status below 100.
        ("status below 100", .bytes("HTTP/1.1 099 Odd\r\nContent-Length: 0\r\n\r\n")),
        // HTTP/2 preface-like line where HTTP/1.1 was asked for.
        ("HTTP/2 version", .bytes("HTTP/2 200\r\n\r\n")),
        // 70 KiB of headers, over the 64 KiB head bound.
        ("oversized head", .raw(
            status: 200, headers: (0..<140).map { ("X-Pad-\($0)", String(repeating: "a", count: 500)) })),
        // One header line longer than any buffer.
        ("one huge header line", .raw(status: 200, headers: [("X-Huge", String(repeating: "b", count: 40_000))])),
        // More header lines than the 200-line bound, each tiny.
        ("too many header lines", .raw(status: 200, headers: (0..<250).map { ("X-\($0)", "1") })),
        // Headers that never end: no empty line before the server stops sending, then silence is cut by close.
        ("no line ending", .bytes("HTTP/1.1 200 OK\r\nX-A: " + String(repeating: "c", count: 70_000))),
        // Obsolete line folding, a smuggling vector.
        ("folded header", .bytes("HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\nContent-Length: 0\r\n\r\n")),
        // Whitespace between name and colon, a smuggling vector.
        ("space before colon", .bytes("HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n")),
        // A negative length.
        ("negative Content-Length", .raw(status: 200, headers: [("Content-Length", "-5")])),
        // A length that is not a number.
        ("non-numeric Content-Length", .raw(status: 200, headers: [("Content-Length", "12abc")])),
        // A length too large for 64 bits.
        ("overflowing Content-Length", .raw(status: 200, headers: [("Content-Length", "99999999999999999999999")])),
        // Two different lengths: which one frames the body is ambiguous.
        ("conflicting Content-Length", .raw(status: 200, headers: [("Content-Length", "3"), ("Content-Length", "4")],
                                           body: Array("abcd".utf8))),
        // A transfer coding the client does not decode.
        ("gzip transfer coding", .raw(status: 200, headers: [("Transfer-Encoding", "gzip, chunked")])),
        // A chunk size that is not hex.
        ("non-hex chunk size", chunked("zz\r\nabc\r\n0\r\n\r\n")),
        // A chunk size that overflows 64 bits.
        ("overflowing chunk size", chunked("fffffffffffffffffffff\r\nabc\r\n0\r\n\r\n")),
        // A chunk-size line beyond the 4 KiB bound.
        ("huge chunk extension", chunked("3;" + String(repeating: "e", count: 5000) + "\r\nabc\r\n0\r\n\r\n")),
        // Trailers that never end: more lines than a head may have.
        ("endless trailers", chunked("0\r\n" + String(repeating: "X-T: 1\r\n", count: 250) + "\r\n")),
        // A trailer line that is not a header field.
        ("garbage trailer", chunked("0\r\n not a field\r\n\r\n")),
        // Chunk data longer than its declared size.
        ("chunk data overrun", chunked("3\r\nabcdef\r\n0\r\n\r\n")),
    ]

    static func chunked(_ body: String) -> MisbehavingHTTPServer.Response {
        .raw(status: 200, headers: [("Transfer-Encoding", "chunked")], body: Array(body.utf8))
    }

    @Test(arguments: malformed)
    func rejectsMalformedResponses(_ name: String, _ response: MisbehavingHTTPServer.Response) throws {
        let server = try MisbehavingHTTPServer(script: ["/": [response]])
        let error = httpError { _ = try fetch(server.baseURL + "/", client: testClient(attempts: 1)) }
        #expect(error?.kind == "malformedResponse", "\(name): \(String(describing: error))")
        #expect(error?.description.contains(server.baseURL) == true, "\(name): message must name the URL")
    }

    @Test func skipsInterimResponses() throws {
        let server = try MisbehavingHTTPServer(script: [
            "/": [.bytes("HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                  + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")],
        ])
        let (response, body) = try fetch(server.baseURL + "/", client: testClient())
        #expect(response.status == 200)
        #expect(body == Array("ok".utf8))
    }

    @Test func hangingServerTimesOut() throws {
        let server = try MisbehavingHTTPServer(script: ["/": [.silence(30)]])
        defer { server.stop() }
        let error = httpError { _ = try fetch(server.baseURL + "/", client: testClient(readTimeout: 0.3, attempts: 2)) }
        #expect(error == .timeout(url: server.baseURL + "/"))
    }

    @Test func serverStallingMidBodyTimesOut() throws {
        let server = try MisbehavingHTTPServer(script: [
            "/": [.init([.write(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8)), .sleep(30)])],
        ])
        defer { server.stop() }
        let error = httpError { _ = try fetch(server.baseURL + "/", client: testClient(readTimeout: 0.3)) }
        #expect(error == .timeout(url: server.baseURL + "/"))
    }
}

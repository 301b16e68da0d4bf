import Foundation
import HTTP
import ImageModel
import Testing
import TestSupport

@Suite struct BodyFramingTests {
    @Test func readsAContentLengthBody() throws {
        let server = try MisbehavingHTTPServer(script: ["/blob": [.ok("hello, world")]])
        let (response, body) = try fetch(server.baseURL + "/blob", client: testClient())
        #expect(response.status == 200)
        #expect(body == Array("hello, world".utf8))
        #expect(response.url.absoluteString == server.baseURL + "/blob")
    }

    @Test func readsAChunkedBodyWithExtensionsAndTrailers() throws {
        let chunked = "5;name=value\r\nhello\r\n7 ; a=b;c\r\n, world\r\n0;last\r\nX-Trailer: yes\r\nX-Other: 1\r\n\r\n"
        let server = try MisbehavingHTTPServer(script: [
            "/": [.raw(status: 200, headers: [("Transfer-Encoding", "chunked")], body: Array(chunked.utf8))],
        ])
        let (_, body) = try fetch(server.baseURL + "/", client: testClient())
        #expect(body == Array("hello, world".utf8))
    }

    @Test func chunkedWinsOverContentLength() throws {
        let chunked = "3\r\nabc\r\n0\r\n\r\n"
        let server = try MisbehavingHTTPServer(script: [
            "/": [.raw(status: 200, headers: [("Content-Length", "1"), ("Transfer-Encoding", "chunked")],
                       body: Array(chunked.utf8))],
        ])
        let (_, body) = try fetch(server.baseURL + "/", client: testClient())
        #expect(body == Array("abc".utf8))
    }

    @Test func readsABodyFramedByConnectionClose() throws {
        let server = try MisbehavingHTTPServer(script: ["/": [.raw(status: 200, body: Array("until close".utf8))]])
        let (_, body) = try fetch(server.baseURL + "/", client: testClient())
        #expect(body == Array("until close".utf8))
    }

    @Test func headResponseHasNoBodyDespiteContentLength() throws {
        let server = try MisbehavingHTTPServer(script: ["/": [.raw(status: 200, headers: [("Content-Length", "99")])]])
        let response = try testClient().send(.init(method: .head, url: #require(URL(string: server.baseURL + "/"))))
        #expect(try response.readBody(limit: 10) == [])
        #expect(response.headers["content-length"] == "99")
    }

    @Test func streamsALargeBodyInPieces() throws {
        let blob = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let server = try MisbehavingHTTPServer(script: ["/": [.status(200, body: blob)]])
        let response = try testClient().send(.init(url: #require(URL(string: server.baseURL + "/"))))
        let stream = response.body
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1000)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { break }
            received += chunk[0..<count]
        }
        #expect(received == blob)
    }

    @Test func truncatedContentLengthBodyThrows() throws {
        let server = try MisbehavingHTTPServer(script: [
            "/": [.raw(status: 200, headers: [("Content-Length", "100")], body: Array("only ten b".utf8))],
        ])
        let error = httpError { _ = try fetch(server.baseURL + "/", client: testClient()) }
        #expect(error == .truncatedBody(url: server.baseURL + "/", expected: 100, received: 10))
    }

    @Test func truncatedChunkedBodyThrows() throws {
        let server = try MisbehavingHTTPServer(script: [
            "/": [.raw(status: 200, headers: [("Transfer-Encoding", "chunked")], body: Array("a\r\n01234".utf8))],
        ])
        let error = httpError { _ = try fetch(server.baseURL + "/", client: testClient()) }
        #expect(error == .truncatedBody(url: server.baseURL + "/", expected: nil, received: 5))
    }

    @Test func chunkedBodyMissingItsLastChunkThrows() throws {
        let server = try MisbehavingHTTPServer(script: [
            "/": [.raw(status: 200, headers: [("Transfer-Encoding", "chunked")], body: Array("3\r\nabc\r\n".utf8))],
        ])
        let error = httpError { _ = try fetch(server.baseURL + "/", client: testClient()) }
        #expect(error == .truncatedBody(url: server.baseURL + "/", expected: nil, received: 3))
    }

    @Test func readBodyRefusesMoreThanTheLimit() throws {
        let server = try MisbehavingHTTPServer(script: ["/": [.ok(String(repeating: "x", count: 100))]])
        let response = try testClient().send(.init(url: #require(URL(string: server.baseURL + "/"))))
        #expect(throws: ByteStreamError.tooLarge(limit: 10)) { try response.readBody(limit: 10) }
    }
}

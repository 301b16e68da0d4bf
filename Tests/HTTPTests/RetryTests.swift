import Foundation
import HTTP
import Testing
import TestSupport

@Suite struct RetryTests {
    @Test func retriesA500AndReturnsTheNextSuccess() throws {
        let server = try MisbehavingHTTPServer(script: ["/": [.status(500), .ok("second time")]])
        let (response, body) = try fetch(server.baseURL + "/", client: testClient())
        #expect(response.status == 200)
        #expect(body == Array("second time".utf8))
        #expect(server.requests.count == 2)
    }

    @Test func retriesA429WithRetryAfterZero() throws {
        let server = try MisbehavingHTTPServer(script: [
            "/": [.status(429, headers: [("Retry-After", "0")]), .ok("ok")],
        ])
        let (response, _) = try fetch(server.baseURL + "/", client: testClient())
        #expect(response.status == 200)
        #expect(server.requests.count == 2)
    }

    @Test func givesUpOnPersistent503AfterMaxAttempts() throws {
        let server = try MisbehavingHTTPServer(script: ["/": [.status(503)]])
        let error = httpError { _ = try fetch(server.baseURL + "/", client: testClient(attempts: 3)) }
        #expect(error == .serverError(url: server.baseURL + "/", status: 503, attempts: 3))
        #expect(error?.description.contains("503") == true)
        #expect(server.requests.count == 3)
    }

    @Test func retriesAConnectionClosedWithoutAnswer() throws {
        let server = try MisbehavingHTTPServer(script: ["/": [.hangUp, .ok("ok")]])
        let (response, _) = try fetch(server.baseURL + "/", client: testClient())
        #expect(response.status == 200)
        #expect(server.requests.count == 2)
    }

    @Test func neverRetriesAPost() throws {
        let server = try MisbehavingHTTPServer(script: ["/token": [.status(503), .ok("token")]])
        let request = HTTPRequest(method: .post, url: try #require(URL(string: server.baseURL + "/token")),
                                  body: Array("grant_type=x".utf8))
        let error = httpError { _ = try testClient().send(request) }
        #expect(error == .serverError(url: server.baseURL + "/token", status: 503, attempts: 1))
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.body == Array("grant_type=x".utf8))
    }

    @Test func doesNotRetryAClientError() throws {
        let server = try MisbehavingHTTPServer(script: ["/": [.status(404), .ok("never")]])
        let (response, _) = try fetch(server.baseURL + "/", client: testClient())
        #expect(response.status == 404)
        #expect(server.requests.count == 1)
    }

    @Test func connectionRefusedFailsNamingHostAndPort() throws {
        let server = try MisbehavingHTTPServer(script: [:])
        let port = server.port
        server.stop()
        let error = httpError { _ = try fetch("http://127.0.0.1:\(port)/", client: testClient(attempts: 2)) }
        #expect(error?.kind == "connectFailed")
        #expect(error?.description.contains("127.0.0.1 port \(port)") == true)
    }
}

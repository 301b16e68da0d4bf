import Foundation
import HTTP
import Testing
import TestSupport

@Suite struct RedirectTests {
    @Test func followsARelativeLocation() throws {
        let server = try MisbehavingHTTPServer(script: [
            "/v2/a/blobs/x": [.redirect(307, to: "../../b/blobs/y?sig=secret")],
            "/v2/b/blobs/y?sig=secret": [.ok("moved")],
        ])
        let (response, body) = try fetch(server.baseURL + "/v2/a/blobs/x", client: testClient())
        #expect(body == Array("moved".utf8))
        #expect(response.url.absoluteString == server.baseURL + "/v2/b/blobs/y?sig=secret")
    }

    @Test func keepsAuthorizationOnTheSameOrigin() throws {
        let server = try MisbehavingHTTPServer(script: ["/a": [.redirect(to: "/b")], "/b": [.ok("b")]])
        _ = try fetch(server.baseURL + "/a", client: testClient(), headers: ["Authorization": "Bearer same"])
        #expect(server.requests.map { $0.header("Authorization") } == ["Bearer same", "Bearer same"])
    }

    @Test func dropsAuthorizationWhenRedirectedToAnotherHost() throws {
        let storage = try MisbehavingHTTPServer(script: ["/blob": [.ok("blob bytes")]])
        // Same machine, different host name: localhost versus 127.0.0.1 are different origins.
        let registry = try MisbehavingHTTPServer(script: [
            "/v2/blob": [.redirect(to: "http://localhost:\(storage.port)/blob")],
        ])
        let (_, body) = try fetch(registry.baseURL + "/v2/blob", client: testClient(),
                                  headers: ["Authorization": "Bearer registry-token", "Accept": "*/*"])
        #expect(body == Array("blob bytes".utf8))
        #expect(registry.requests.first?.header("Authorization") == "Bearer registry-token")
        #expect(storage.requests.count == 1)
        #expect(storage.requests.first?.header("Authorization") == nil)
        #expect(storage.requests.first?.header("Accept") == "*/*")
    }

    @Test func dropsAuthorizationWhenRedirectedToAnotherPort() throws {
        let other = try MisbehavingHTTPServer(script: ["/": [.ok("other")]])
        let first = try MisbehavingHTTPServer(script: ["/": [.redirect(301, to: other.baseURL + "/")]])
        _ = try fetch(first.baseURL + "/", client: testClient(), headers: ["Authorization": "Basic dXNlcjpwdw=="])
        #expect(other.requests.first?.header("Authorization") == nil)
    }

    @Test func givesUpAfterTooManyRedirects() throws {
        let server = try MisbehavingHTTPServer(script: ["/loop": [.redirect(to: "/loop")]])
        let error = httpError { _ = try fetch(server.baseURL + "/loop", client: testClient(maxRedirects: 3)) }
        #expect(error == .tooManyRedirects(url: server.baseURL + "/loop", limit: 3))
        #expect(server.requests.count == 4)
    }

    @Test func turnsAPostInto303GetWithoutBody() throws {
        let server = try MisbehavingHTTPServer(script: [
            "/post": [.redirect(303, to: "/result")], "/result": [.ok("r")],
        ])
        let request = HTTPRequest(method: .post, url: try #require(URL(string: server.baseURL + "/post")), body: [1, 2])
        _ = try testClient().send(request).readBody(limit: 10)
        #expect(server.requests.map(\.method) == ["POST", "GET"])
        #expect(server.requests.last?.body == [])
    }

    @Test func refusesARedirectToAnUnsupportedScheme() throws {
        let server = try MisbehavingHTTPServer(script: ["/": [.redirect(to: "file:///etc/passwd")]])
        let error = httpError { _ = try fetch(server.baseURL + "/", client: testClient()) }
        #expect(error == .unsupportedScheme(url: "file:///etc/passwd", scheme: "file"))
    }
}

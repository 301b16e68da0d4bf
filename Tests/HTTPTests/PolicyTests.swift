import Foundation
import HTTP
import Testing
import TestSupport

@Suite struct PolicyTests {
    @Test func refusesPlainHTTPToANonLoopbackHostBeforeAnyTraffic() throws {
        // .invalid never resolves (RFC 6761); reaching DNS would give hostNotFound instead.
        let error = httpError { _ = try fetch("http://example.invalid/v2/", client: testClient()) }
        #expect(error == .plainHTTPNotAllowed(host: "example.invalid"))
    }

    @Test(arguments: [
        "http://127.0.0.2:1/",  // anywhere in 127.0.0.0/8
        "http://[::1]:1/",  // IPv6 loopback
        "http://localhost:1/",
    ])
    func allowsPlainHTTPToLoopback(_ url: String) throws {
        // Port 1 is closed, so getting as far as connecting proves the policy let the request through.
        let error = httpError { _ = try fetch(url, client: testClient(attempts: 1)) }
        #expect(error?.kind == "connectFailed", "\(String(describing: error))")
    }

    @Test(arguments: [
        "http://127.example.invalid/",  // looks like loopback by prefix but is a name
        "http://10.0.0.1/",
        "http://[::2]/",
    ])
    func refusesPlainHTTPToLookalikes(_ url: String) throws {
        let error = httpError { _ = try fetch(url, client: testClient()) }
        #expect(error?.kind == "plainHTTPNotAllowed", "\(String(describing: error))")
    }

    @Test func allowsPlainHTTPToAListedInsecureHost() throws {
        let error = httpError {
            _ = try fetch("http://registry.invalid/", client: testClient(insecureHosts: ["registry.invalid"]))
        }
        #expect(error?.kind == "hostNotFound")
    }

    @Test(arguments: ["ftp://example.com/x", "file:///etc/passwd", "gopher://a/"])
    func rejectsUnsupportedSchemes(_ url: String) throws {
        let error = httpError { _ = try fetch(url, client: testClient()) }
        #expect(error?.kind == "unsupportedScheme")
    }

    @Test func rejectsCredentialsInTheURLWithoutEchoingThem() throws {
        let error = httpError { _ = try fetch("https://user:hunter2@example.com/", client: testClient()) }
        #expect(error?.kind == "invalidURL")
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func rejectsHeaderValuesThatWouldInjectLinesWithoutEchoingThem() throws {
        let server = try MisbehavingHTTPServer(script: ["/": [.ok("x")]])
        let error = httpError {
            let hostile: HTTPHeaders = ["Authorization": "Bearer a\r\nX-Evil: 1"]
            _ = try fetch(server.baseURL + "/", client: testClient(), headers: hostile)
        }
        #expect(error == .invalidHeader(name: "Authorization", reason: "CR, LF or NUL in the value"))
        #expect(server.requests.isEmpty)
    }

    @Test func sendsHostUserAgentAndConnectionClose() throws {
        let server = try MisbehavingHTTPServer(script: ["/x": [.ok("x")]])
        _ = try fetch(server.baseURL + "/x", client: testClient(), headers: ["Accept": "application/json"])
        let request = try #require(server.requests.first)
        #expect(request.header("Host") == "127.0.0.1:\(server.port)")
        #expect(request.header("User-Agent") == "safeguard/test")
        #expect(request.header("Connection") == "close")
        #expect(request.header("Accept") == "application/json")
    }

    @Test func errorMessagesOmitQueryStrings() throws {
        // Storage redirects carry signatures in the query; they are bearer credentials.
        let server = try MisbehavingHTTPServer(script: ["/b?X-Amz-Signature=s3cr3t": [.silence(30)]])
        defer { server.stop() }
        let url = server.baseURL + "/b?X-Amz-Signature=s3cr3t"
        let error = httpError { _ = try fetch(url, client: testClient(readTimeout: 0.2, attempts: 1)) }
        #expect(error == .timeout(url: server.baseURL + "/b?…"))
        #expect(error?.description.contains("s3cr3t") == false)
    }
}

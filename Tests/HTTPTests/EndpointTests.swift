import Foundation
@testable import HTTP
import Testing

@Suite struct EndpointTests {
    func endpoint(_ url: String) throws -> Endpoint {
        try Endpoint(#require(URL(string: url)))
    }

    @Test func parsesHostPortAndTarget() throws {
        let parsed = try endpoint("https://Registry.Example.com:5000/v2/a/manifests/latest?n=1")
        #expect(parsed.host == "registry.example.com")
        #expect(parsed.port == 5000)
        #expect(parsed.target == "/v2/a/manifests/latest?n=1")
        #expect(parsed.hostHeader == "registry.example.com:5000")
        #expect(parsed.origin == "https://registry.example.com:5000")
    }

    @Test func omitsTheDefaultPortFromHostAndBracketsIPv6() throws {
        #expect(try endpoint("https://example.com").hostHeader == "example.com")
        #expect(try endpoint("https://example.com").target == "/")
        #expect(try endpoint("http://[::1]:8080/").hostHeader == "[::1]:8080")
        #expect(try endpoint("http://[::1]:8080/").host == "::1")
    }

    @Test func treatsDefaultAndExplicitPortAsTheSameOrigin() throws {
        #expect(try endpoint("https://example.com/").origin == endpoint("https://example.com:443/x").origin)
        #expect(try endpoint("https://example.com/").origin != endpoint("http://example.com/").origin)
    }

    @Test(arguments: [
        ("http://127.0.0.1/", true),
        ("http://127.255.0.9/", true),
        ("http://[::1]/", true),
        ("http://localhost/", true),
        ("http://LOCALHOST/", true),
        ("http://127.0.0.1.example.com/", false),  // a name that begins like a loopback address
        ("http://localhost.example.com/", false),  // a name that begins like localhost
        ("http://128.0.0.1/", false),
        ("http://[::ffff:127.0.0.1]/", false),  // mapped addresses are not treated as loopback
    ])
    func recognisesOnlyRealLoopbackHosts(_ url: String, _ loopback: Bool) throws {
        #expect(try endpoint(url).isLoopback == loopback)
    }

    @Test func displayDropsQueryAndUserInfo() {
        let signed = "https://s3.example.com/blob?X-Amz-Signature=abc"
        #expect(Endpoint.display(signed) == "https://s3.example.com/blob?…")
        #expect(Endpoint.display("https://user:pw@example.com/x") == "https://example.com/x")
        #expect(Endpoint.display("https://example.com/a@b") == "https://example.com/a@b")
    }

    @Test func requestHeadIgnoresCallerFramingHeaders() throws {
        // A caller-supplied Content-Length or Transfer-Encoding would contradict the client's own framing.
        let request = HTTPRequest(
            method: .post, url: try #require(URL(string: "https://example.com/token")),
            headers: ["Content-Length": "999", "Transfer-Encoding": "chunked", "Host": "evil.example", "Accept": "*/*"],
            body: Array("abc".utf8))
        let target = try endpoint("https://example.com/token")
        let head = try HTTPClient.requestHead(request, endpoint: target, userAgent: "ua/1")
        #expect(String(decoding: head, as: UTF8.self) == """
            POST /token HTTP/1.1\r
            Host: example.com\r
            User-Agent: ua/1\r
            Connection: close\r
            Accept: */*\r
            Content-Length: 3\r
            \r

            """)
    }
}

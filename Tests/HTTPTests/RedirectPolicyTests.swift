import Foundation
@testable import HTTP
import Testing

/// Redirect rules that need an https origin, checked on the client's redirect step directly.
@Suite struct RedirectPolicyTests {
    func endpoint(_ url: String) throws -> Endpoint {
        try Endpoint(#require(URL(string: url)))
    }

    @Test func refusesARedirectFromHTTPSToPlainHTTP() throws {
        let client = try testClient()
        let secure = "https://registry.example.com/v2/"
        let plain = "http://registry.example.com/v2/"
        let error = httpError { _ = try client.redirectTarget(plain, from: endpoint(secure)) }
        #expect(error == .insecureRedirect(from: secure, to: plain))
    }

    @Test(arguments: [
        ("https://registry.example.com/v2/x", true),  // same origin keeps the token
        ("https://registry.example.com:443/v2/x", true),  // the default port written out is the same origin
        ("https://storage.example.com/blob", false),  // another host
        ("https://registry.example.com:8443/v2/x", false),  // another port
        ("https://REGISTRY.example.com/v2/x", true),  // host names compare case-insensitively
    ])
    func keepsAuthorizationOnlyWithinTheOrigin(_ target: String, _ kept: Bool) throws {
        let original = try endpoint("https://registry.example.com/v2/a")
        let request = HTTPRequest(url: original.url, headers: ["Authorization": "Bearer t", "Accept": "*/*"])
        let next = HTTPClient.redirected(request, to: try endpoint(target), status: 307, original: original)
        #expect((next.headers["Authorization"] != nil) == kept)
        #expect(next.headers["Accept"] == "*/*")
    }
}

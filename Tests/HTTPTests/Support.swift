import Foundation
import HTTP
import TestSupport

/// A client with short timeouts and near-zero back-off, so fault tests run fast.
func testClient(readTimeout: Double = 5, attempts: Int = 4, maxRedirects: Int = 10,
                insecureHosts: Set<String> = [], caFile: String? = nil) throws -> HTTPClient {
    try HTTPClient(configuration: .init(
        userAgent: "safeguard/test", connectTimeout: 5, readTimeout: readTimeout, maxRedirects: maxRedirects,
        retry: .init(maxAttempts: attempts, initialBackoff: 0.001, maxBackoff: 0.01),
        insecureHosts: insecureHosts, caFile: caFile))
}

/// Sends a GET and reads the whole body.
func fetch(_ url: String, client: HTTPClient, headers: HTTPHeaders = [:]) throws -> (HTTPResponse, [UInt8]) {
    let response = try client.send(HTTPRequest(url: URL(string: url)!, headers: headers))
    let body = try response.readBody(limit: 1 << 20)
    return (response, body)
}

/// Runs `body` and returns the HTTPError it threw, or nil.
func httpError(_ body: () throws -> Void) -> HTTPError? {
    do {
        try body()
        return nil
    } catch let error as HTTPError {
        return error
    } catch {
        return nil
    }
}

extension HTTPError {
    /// The case name, for tests that care about the kind of failure and not its exact text.
    var kind: String {
        switch self {
        case .invalidURL: "invalidURL"
        case .unsupportedScheme: "unsupportedScheme"
        case .plainHTTPNotAllowed: "plainHTTPNotAllowed"
        case .invalidHeader: "invalidHeader"
        case .hostNotFound: "hostNotFound"
        case .connectFailed: "connectFailed"
        case .connectionLost: "connectionLost"
        case .timeout: "timeout"
        case .tls: "tls"
        case .malformedResponse: "malformedResponse"
        case .truncatedBody: "truncatedBody"
        case .tooManyRedirects: "tooManyRedirects"
        case .insecureRedirect: "insecureRedirect"
        case .serverError: "serverError"
        }
    }
}

import Foundation

/// One HTTP request: method, absolute URL, headers and an optional small body.
public struct HTTPRequest: Sendable {
    /// The methods Safeguard needs.
    public enum Method: String, Sendable {
        /// Fetch a resource; idempotent, so retried.
        case get = "GET"
        /// Fetch only the head of a resource; idempotent, so retried.
        case head = "HEAD"
        /// Submit a body, e.g. a token request or a blob upload session; never retried.
        case post = "POST"
        /// Store a body at the URL, e.g. a manifest or a blob upload; never retried, as an upload session
        /// accepts its closing PUT only once.
        case put = "PUT"
    }

    /// The method.
    public var method: Method
    /// The absolute http or https URL.
    public var url: URL
    /// Headers to send besides those the client sets (`Host`, `User-Agent`, `Connection`, `Content-Length`).
    public var headers: HTTPHeaders
    /// The body, sent with a `Content-Length`.
    public var body: [UInt8]?

    /// Creates a request.
    public init(method: Method = .get, url: URL, headers: HTTPHeaders = [:], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Whether repeating the request cannot change anything on the server, which makes retrying it safe.
    /// PUT is idempotent in HTTP's terms, but a blob upload session accepts its closing PUT only once.
    var isIdempotent: Bool { method == .get || method == .head }
}

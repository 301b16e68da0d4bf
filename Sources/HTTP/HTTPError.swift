/// Everything that can go wrong fetching over HTTP, each naming the URL or host it is about.
///
/// URLs in these messages are shown without their query string and user info (see `Endpoint.display`),
/// and no case ever carries a header value, so a credential or a signed link cannot leak into a log.
public enum HTTPError: Error, Equatable, CustomStringConvertible {
    /// The URL could not be parsed or lacks a host.
    case invalidURL(String, reason: String)
    /// The URL's scheme is neither http nor https.
    case unsupportedScheme(url: String, scheme: String)
    /// Plain HTTP to a host that is neither loopback nor listed as insecure.
    case plainHTTPNotAllowed(host: String)
    /// A request header name or value would break the request framing.
    case invalidHeader(name: String, reason: String)
    /// The host name does not resolve.
    case hostNotFound(host: String, reason: String)
    /// No address of the host accepted a TCP connection.
    case connectFailed(host: String, port: Int, reason: String)
    /// The connection broke before the response was complete.
    case connectionLost(url: String, reason: String)
    /// The server stayed silent longer than the configured timeout.
    case timeout(url: String)
    /// The TLS handshake or a TLS read or write failed.
    case tls(host: String, reason: String)
    /// The response violates HTTP/1.1 or one of the client's bounds.
    case malformedResponse(url: String, reason: String)
    /// The body ended before its framing said it would; `expected` is nil for chunked bodies.
    case truncatedBody(url: String, expected: Int64?, received: Int64)
    /// The redirect chain is longer than the configured limit.
    case tooManyRedirects(url: String, limit: Int)
    /// A redirect tried to leave https for plain http.
    case insecureRedirect(from: String, to: String)
    /// The server kept answering with a retryable error status until the attempts ran out.
    case serverError(url: String, status: Int, attempts: Int)

    /// A message naming the URL or host and the cause.
    public var description: String {
        switch self {
        case .invalidURL(let url, let reason): "invalid URL \(url): \(reason)"
        case .unsupportedScheme(let url, let scheme): "unsupported scheme '\(scheme)' in \(url): only http and https"
        case .plainHTTPNotAllowed(let host):
            "plain HTTP to \(host) is not allowed: use https, or list the host as insecure"
        case .invalidHeader(let name, let reason): "invalid request header '\(name)': \(reason)"
        case .hostNotFound(let host, let reason): "cannot resolve host \(host): \(reason)"
        case .connectFailed(let host, let port, let reason): "cannot connect to \(host) port \(port): \(reason)"
        case .connectionLost(let url, let reason): "connection lost fetching \(url): \(reason)"
        case .timeout(let url): "timed out waiting for \(url)"
        case .tls(let host, let reason): "TLS failure with \(host): \(reason)"
        case .malformedResponse(let url, let reason): "malformed response from \(url): \(reason)"
        case .truncatedBody(let url, let expected?, let received):
            "body of \(url) truncated: expected \(expected) bytes, received \(received)"
        case .truncatedBody(let url, nil, let received):
            "chunked body of \(url) truncated after \(received) bytes, before its last chunk"
        case .tooManyRedirects(let url, let limit): "more than \(limit) redirects starting at \(url)"
        case .insecureRedirect(let from, let to): "refusing redirect from \(from) to plain-HTTP \(to)"
        case .serverError(let url, let status, let attempts):
            "\(url) answered HTTP \(status) after \(attempts) attempt\(attempts == 1 ? "" : "s")"
        }
    }

    /// Whether a fresh attempt might succeed: the failure was in the network, not in what the server said.
    var isTransient: Bool {
        switch self {
        case .connectFailed, .connectionLost, .timeout: true
        default: false
        }
    }
}

import Foundation

/// A small blocking HTTP/1.1 client whose responses are pull-based byte streams.
///
/// Each request opens its own connection and sends `Connection: close`. Shortcoming: there is no connection
/// pooling, so every request pays a TCP and TLS handshake; for registry traffic, dominated by a few large blobs,
/// that costs little, but many small requests to one host are slower than they need be.
///
/// `send` blocks the calling thread; run it off the cooperative pool when called from async code.
public final class HTTPClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: Configuration
    let tls: TLSContext

    /// Creates a client.
    /// - Throws: `HTTPError.tls` when OpenSSL cannot be set up or `caFile` cannot be loaded.
    public init(configuration: Configuration = Configuration()) throws {
        self.configuration = configuration
        self.tls = try TLSContext(caFile: configuration.caFile)
    }

    /// Sends a request, following redirects and retrying transient failures, and returns once the response
    /// head has arrived.
    /// - Returns: the final response, its body unread.
    /// - Throws: `HTTPError` for policy violations, network failures, malformed responses, too many redirects,
    ///   and retryable statuses (429, 5xx) that persisted through every attempt.
    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        let original = try Endpoint(request.url)
        var current = request
        var endpoint = original
        var redirects = 0
        while true {
            try checkPlainHTTPAllowed(endpoint)
            let response = try sendWithRetries(current, to: endpoint)
            guard Self.redirectStatuses.contains(response.status), let location = response.headers["Location"] else {
                return response
            }
            response.close()
            guard redirects < configuration.maxRedirects else {
                throw HTTPError.tooManyRedirects(url: original.display, limit: configuration.maxRedirects)
            }
            redirects += 1
            let next = try redirectTarget(location, from: endpoint)
            current = Self.redirected(current, to: next, status: response.status, original: original)
            endpoint = next
        }
    }

    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// Refuses plain HTTP except to loopback or explicitly listed hosts.
    ///
    /// Why: registry tokens and image bytes over plain HTTP can be read and altered by anyone on the path.
    private func checkPlainHTTPAllowed(_ endpoint: Endpoint) throws {
        guard endpoint.scheme == .http else { return }
        guard endpoint.isLoopback || endpoint.isListed(in: configuration.insecureHosts) else {
            throw HTTPError.plainHTTPNotAllowed(host: endpoint.host)
        }
    }

    /// Resolves a `Location` header against the URL that sent it.
    func redirectTarget(_ location: String, from endpoint: Endpoint) throws -> Endpoint {
        guard let url = URL(string: location, relativeTo: endpoint.url)?.absoluteURL else {
            throw HTTPError.malformedResponse(url: endpoint.display, reason: "invalid redirect Location")
        }
        let next = try Endpoint(url)
        // Why: leaving TLS mid-chain would expose the request, and a downgraded blob could be swapped in transit.
        if endpoint.scheme == .https, next.scheme == .http {
            throw HTTPError.insecureRedirect(from: endpoint.display, to: next.display)
        }
        return next
    }

    /// The request to send to a redirect target.
    ///
    /// Why Authorization is dropped: a registry token is for the registry; a redirect to another origin
    /// (typically blob storage that authenticates by signed URL) must not receive it. Once dropped it stays dropped.
    static func redirected(_ request: HTTPRequest, to next: Endpoint, status: Int, original: Endpoint) -> HTTPRequest {
        var redirected = request
        redirected.url = next.url
        if next.origin != original.origin {
            redirected.headers.remove("Authorization")
            redirected.headers.remove("Cookie")
        }
        // 303 always, and 301/302 after POST in practice, turn the request into a GET without body.
        if status == 303 || ((status == 301 || status == 302) && request.method == .post) {
            if redirected.method != .head { redirected.method = .get }
            redirected.body = nil
            redirected.headers.remove("Content-Type")
        }
        return redirected
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request URL parsed at the edge into what the connection needs: scheme, host, port and request target.
struct Endpoint: Sendable {
    /// The two schemes the client speaks.
    enum Scheme: String, Sendable {
        case http, https

        var defaultPort: Int { self == .http ? 80 : 443 }
    }

    /// The URL as given.
    let url: URL
    let scheme: Scheme
    /// The host in lower case, IPv6 literals without brackets.
    let host: String
    let port: Int
    /// The path and query sent on the request line.
    let target: String

    /// Parses an absolute http or https URL.
    /// - Throws: `HTTPError.invalidURL` or `.unsupportedScheme`.
    init(_ url: URL) throws {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            throw HTTPError.invalidURL(Self.display(url.absoluteString), reason: "not a URL")
        }
        let shown = Self.display(url.absoluteString)
        guard let schemeName = components.scheme?.lowercased() else {
            throw HTTPError.invalidURL(shown, reason: "not absolute")
        }
        guard let scheme = Scheme(rawValue: schemeName) else {
            throw HTTPError.unsupportedScheme(url: shown, scheme: schemeName)
        }
        // Why: user info in a URL is a credential; it would be sent nowhere by this client but would
        // otherwise ride along into logs and error messages, so such URLs are refused outright.
        guard components.user == nil, components.password == nil else {
            throw HTTPError.invalidURL(shown, reason: "credentials in the URL are not supported")
        }
        var host = (components.host ?? "").lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw HTTPError.invalidURL(shown, reason: "no host") }
        let port = components.port ?? scheme.defaultPort
        guard (1...65535).contains(port) else { throw HTTPError.invalidURL(shown, reason: "port \(port) out of range") }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        self.url = url
        self.scheme = scheme
        self.host = host
        self.port = port
        self.target = path + query
    }

    /// The host as it appears in a URL or `Host` header: IPv6 literals in brackets.
    var urlHost: String { host.contains(":") ? "[\(host)]" : host }

    /// The `Host` header value; the port only when it is not the scheme's default.
    var hostHeader: String { port == scheme.defaultPort ? urlHost : "\(urlHost):\(port)" }

    /// Scheme, host and port: two URLs with the same origin may share credentials.
    var origin: String { "\(scheme.rawValue)://\(urlHost):\(port)" }

    /// The URL for messages, without query string.
    var display: String { Self.display(url.absoluteString) }

    /// Whether the host is the local machine, to which plain HTTP cannot be intercepted on the network.
    ///
    /// Why inet_pton rather than a prefix test: `127.example.com` starts like a loopback address but is not one.
    var isLoopback: Bool {
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return (UInt32(bigEndian: v4.s_addr) >> 24) == 127 }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { $0.elementsEqual([UInt8](repeating: 0, count: 15) + [1]) }
        }
        return false
    }

    /// Whether the host is an IP literal, which TLS verifies as an address and never sends as SNI.
    var isIPAddress: Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// Whether `hosts` lists this endpoint, by host alone or by `host:port`.
    func isListed(in hosts: Set<String>) -> Bool {
        let listed = Set(hosts.map { $0.lowercased() })
        return listed.contains(host) || listed.contains(urlHost) || listed.contains("\(urlHost):\(port)")
    }

    /// A URL string fit for messages: user info and query removed.
    ///
    /// Why: registries redirect blob downloads to storage URLs signed in the query string
    /// (e.g. `X-Amz-Signature`); such a URL is a bearer credential and must not reach a log.
    static func display(_ url: String) -> String {
        var shown = url
        if let query = shown.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            shown = String(shown[..<query]) + (shown[query] == "?" ? "?…" : "")
        }
        if let schemeEnd = shown.range(of: "://"), let at = shown[schemeEnd.upperBound...].firstIndex(of: "@"),
           !shown[schemeEnd.upperBound..<at].contains("/") {
            shown.removeSubrange(schemeEnd.upperBound...at)
        }
        return shown
    }
}

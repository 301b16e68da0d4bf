import Foundation
import HTTP
import ImageModel

extension RegistryClient {
    /// Sends a GET, answering one auth challenge, and turns error statuses into `SourceError`.
    func get(_ path: String, scope: String, accept: String?, what: String) throws -> HTTPResponse {
        var headers = HTTPHeaders()
        if let accept { headers.add("Accept", accept) }
        let response = try send(.get, path, scope: scope, headers: headers, what: what)
        guard (200..<300).contains(response.status) else { throw try failure(response, what: what) }
        return response
    }

    /// Sends a request to a path on this registry (or an absolute URL it handed out, such as an upload
    /// location), answering one auth challenge; the response is returned whatever its status.
    func send(_ method: HTTPRequest.Method, _ target: String, scope: String, headers: HTTPHeaders = [:],
              body: [UInt8]? = nil, what: String) throws -> HTTPResponse {
        let text = target.hasPrefix("/") ? baseURL + target : target
        guard let url = URL(string: text) else {
            throw SourceError.read(what: what, reason: "cannot form a URL from \(text)")
        }
        // Why: an upload location is chosen by the server; the registry's token goes only to the registry's
        // own origin, never to another host the location names.
        let sameOrigin = text.hasPrefix(baseURL + "/")
        var response = try http.send(request(method, url, headers: headers, body: body,
                                             authorization: sameOrigin ? cachedAuthorization(scope) : nil))
        if response.status == 401, sameOrigin {
            let challenges = response.headers.values(for: "WWW-Authenticate").compactMap(AuthChallenge.init(header:))
            response.close()
            let authorization = try authorize(challenges, scope: scope, what: what)
            response = try http.send(request(method, url, headers: headers, body: body, authorization: authorization))
        }
        return response
    }

    private func request(_ method: HTTPRequest.Method, _ url: URL, headers: HTTPHeaders, body: [UInt8]?,
                         authorization: String?) -> HTTPRequest {
        var headers = headers
        if let authorization { headers.set("Authorization", authorization) }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    private func cachedAuthorization(_ scope: String) -> String? {
        lock.withLock { tokens[scope] }.map { "Bearer \($0)" }
    }

    /// The `Authorization` value that answers the registry's challenge.
    private func authorize(_ challenges: [AuthChallenge], scope: String, what: String) throws -> String {
        if let bearer = challenges.first(where: { $0.scheme == "bearer" }) {
            let token = try fetchToken(bearer, scope: scope, what: what)
            lock.withLock { tokens[scope] = token }
            return "Bearer \(token)"
        }
        if challenges.contains(where: { $0.scheme == "basic" }), let credentials {
            return credentials.basicAuthorization
        }
        throw SourceError.unauthorized(host: registry, what: what,
                                       message: credentials == nil ? "no credentials for this registry" : "")
    }

    /// Fetches a bearer token from the challenge's realm (the distribution token spec).
    private func fetchToken(_ challenge: AuthChallenge, scope: String, what: String) throws -> String {
        guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm),
              components.scheme == "https" || components.scheme == "http"
        else {
            throw SourceError.unauthorized(host: registry, what: what,
                                           message: "bearer challenge without a usable realm")
        }
        var query = components.queryItems ?? []
        if let service = challenge.parameters["service"] { query.append(URLQueryItem(name: "service", value: service)) }
        query.append(URLQueryItem(name: "scope", value: challenge.parameters["scope"] ?? scope))
        components.queryItems = query
        guard let url = components.url else {
            throw SourceError.unauthorized(host: registry, what: what, message: "bad token realm \(realm)")
        }
        var headers = HTTPHeaders()
        headers.add("Accept", "application/json")
        // Credentials go only to a realm on HTTPS (or to the loopback registry that issued the challenge):
        // a challenge naming a plain-HTTP realm elsewhere would otherwise harvest them.
        if let credentials, url.scheme == "https" || Self.isLoopback(url.host ?? "") {
            headers.add("Authorization", credentials.basicAuthorization)
        }
        let response = try http.send(HTTPRequest(method: .get, url: url, headers: headers))
        guard response.status == 200 else {
            if response.status == 401 || response.status == 403 {
                throw SourceError.unauthorized(host: registry, what: what,
                                               message: "token service refused the credentials")
            }
            throw try failure(response, what: "token for \(what)")
        }
        struct TokenReply: Decodable {
            var token: String?
            var accessToken: String?
            enum CodingKeys: String, CodingKey { case token, accessToken = "access_token" }
        }
        let bytes = try read(response, limit: Self.maxTokenResponse, what: "token for \(what)")
        guard let reply = try? JSONDecoder().decode(TokenReply.self, from: Data(bytes)),
              let token = reply.token ?? reply.accessToken, !token.isEmpty
        else {
            throw SourceError.unauthorized(host: registry, what: what, message: "token service gave no token")
        }
        return token
    }

    /// The error for a non-2xx answer, quoting the registry's own error message when it sent one.
    func failure(_ response: HTTPResponse, what: String) throws -> SourceError {
        struct Errors: Decodable {
            struct Item: Decodable { var code: String?; var message: String? }
            var errors: [Item]?
        }
        let bytes = Self.readPrefix(response.body, limit: Self.maxErrorBody)
        let items = (try? JSONDecoder().decode(Errors.self, from: Data(bytes)))?.errors ?? []
        var message = items.map { [$0.code, $0.message].compactMap { $0 }.joined(separator: ": ") }
            .joined(separator: "; ").filter { !$0.isNewline }
        if message.isEmpty { message = Self.quotable(bytes) }
        if response.status == 401 || response.status == 403 {
            return .unauthorized(host: registry, what: what, message: message)
        }
        return .registry(host: registry, status: response.status, what: what,
                         message: message.isEmpty ? Self.reason(response.status) : message)
    }

    /// Up to `limit` bytes of a body, whatever its length, for quoting; the rest is discarded with the connection.
    static func readPrefix(_ body: HTTPBody, limit: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let count = (try? buffer.withUnsafeMutableBytes {
                try body.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
            }) ?? 0
            if count == 0 { break }
            filled += count
        }
        body.close()
        return Array(buffer.prefix(filled))
    }

    /// Why bounded and filtered: a body that is not the registry's JSON error list is still worth quoting, but a
    /// hostile server must not be able to fill a log line or write terminal control sequences into it.
    static let maxQuotedBody = 200

    /// The printable start of an error body, control characters dropped.
    static func quotable(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(maxQuotedBody), as: UTF8.self)
        return String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 404: "not found"
        case 429: "too many requests (rate limited)"
        case 500..<600: "server error"
        default: ""
        }
    }
}

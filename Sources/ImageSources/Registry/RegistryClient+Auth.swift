import Foundation
import HTTP
import ImageModel

extension RegistryClient {
    /// Sends a GET, answering one auth challenge, and turns error statuses into `SourceError`.
    func get(_ path: String, scope: String, accept: String?, what: String) throws -> HTTPResponse {
        guard let url = URL(string: baseURL + path) else {
            throw SourceError.read(what: what, reason: "cannot form a URL from \(baseURL + path)")
        }
        var response = try http.send(request(url, accept: accept, authorization: cachedAuthorization(scope)))
        if response.status == 401 {
            let challenges = response.headers.values(for: "WWW-Authenticate").compactMap(AuthChallenge.init(header:))
            let authorization = try authorize(challenges, scope: scope, what: what)
            response = try http.send(request(url, accept: accept, authorization: authorization))
        }
        guard (200..<300).contains(response.status) else { throw try failure(response, what: what) }
        return response
    }

    private func request(_ url: URL, accept: String?, authorization: String?) -> HTTPRequest {
        var headers = HTTPHeaders()
        if let accept { headers.add("Accept", accept) }
        if let authorization { headers.add("Authorization", authorization) }
        return HTTPRequest(method: .get, url: url, headers: headers)
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
        var body = response.body
        let bytes = (try? body.readAll(limit: Self.maxErrorBody)) ?? []
        let items = (try? JSONDecoder().decode(Errors.self, from: Data(bytes)))?.errors ?? []
        let message = items.map { [$0.code, $0.message].compactMap { $0 }.joined(separator: ": ") }
            .joined(separator: "; ").filter { !$0.isNewline }
        if response.status == 401 || response.status == 403 {
            return .unauthorized(host: registry, what: what, message: message)
        }
        return .registry(host: registry, status: response.status, what: what,
                         message: message.isEmpty ? Self.reason(response.status) : message)
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

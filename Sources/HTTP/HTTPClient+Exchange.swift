extension HTTPClient {
    /// One attempt: connect, send the request, read the response head.
    func exchange(_ request: HTTPRequest, with endpoint: Endpoint) throws -> HTTPResponse {
        let head = try Self.requestHead(request, endpoint: endpoint, userAgent: configuration.userAgent)
        let socket = try SocketTransport.connect(
            to: endpoint, connectTimeout: configuration.connectTimeout, readTimeout: configuration.readTimeout)
        let transport: Transport
        if endpoint.scheme == .https {
            let verify = !endpoint.isListed(in: configuration.insecureHosts)
            transport = try TLSTransport(over: socket, context: tls, endpoint: endpoint, verify: verify)
        } else {
            transport = socket
        }
        do {
            try transport.write(head + (request.body ?? []))
            let reader = BufferedReader(transport)
            let response = try ResponseHead.read(from: reader, url: endpoint.display)
            let framing = try BodyFraming(
                method: request.method, status: response.status, headers: response.headers, url: endpoint.display)
            let body = HTTPBody(reader: reader, framing: framing, url: endpoint.display)
            return HTTPResponse(status: response.status, headers: response.headers, url: endpoint.url, body: body)
        } catch {
            transport.close()
            throw error
        }
    }

    /// Headers the client sets itself; a caller's copies are ignored so the framing cannot be contradicted.
    static let clientOwnedHeaders: Set<String> = ["host", "connection", "content-length", "transfer-encoding"]

    /// Serialises the request line and headers.
    static func requestHead(_ request: HTTPRequest, endpoint: Endpoint, userAgent: String) throws -> [UInt8] {
        var lines = ["\(request.method.rawValue) \(endpoint.target) HTTP/1.1", "Host: \(endpoint.hostHeader)"]
        if !request.headers.contains("User-Agent") { lines.append("User-Agent: \(userAgent)") }
        lines.append("Connection: close")
        for field in request.headers where !clientOwnedHeaders.contains(field.name.lowercased()) {
            try validate(field)
            lines.append("\(field.name): \(field.value)")
        }
        if let body = request.body {
            lines.append("Content-Length: \(body.count)")
        } else if request.method == .post || request.method == .put {
            lines.append("Content-Length: 0")
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    /// Rejects header names and values that would end the line early.
    ///
    /// Why: values can come from a server (e.g. a token realm); a CR or LF in one would let that server
    /// inject headers or a whole second request. The value is never quoted in the error, as it may be a secret.
    private static func validate(_ field: HTTPHeaders.Field) throws {
        let name = ResponseHead.printable(Array(field.name.utf8))
        guard !field.name.isEmpty, field.name.utf8.allSatisfy({ (33...126).contains($0) && $0 != UInt8(ascii: ":") })
        else { throw HTTPError.invalidHeader(name: name, reason: "invalid characters in the name") }
        guard !field.value.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 }) else {
            throw HTTPError.invalidHeader(name: name, reason: "CR, LF or NUL in the value")
        }
    }
}

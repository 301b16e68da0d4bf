import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP server on 127.0.0.1 that answers from a script, including the faults a real server cannot be made
/// to show: bodies cut short, lying lengths, silence, broken status lines and oversized heads.
///
/// It serves one connection at a time on its own thread, always closes after one response, records every
/// request it read, and stops on `stop()` or when released. Every loop is bounded in count and in time.
/// Releasing it stops it, so hold it (e.g. with `defer { server.stop() }`) for as long as requests are expected.
public final class MisbehavingHTTPServer: Sendable {
    /// One step of a scripted answer.
    public enum Action: Sendable {
        /// Write these bytes.
        case write([UInt8])
        /// Stay silent this many seconds (cut short by `stop()`).
        case sleep(Double)
    }

    /// A scripted answer: actions played in order, then the connection is closed.
    public struct Response: Sendable {
        /// The steps.
        public var actions: [Action]

        /// Creates an answer from raw steps.
        public init(_ actions: [Action]) { self.actions = actions }

        /// A response with exactly the given headers (nothing added) and body.
        public static func raw(status: Int, reason: String = "X", headers: [(String, String)] = [],
                               body: [UInt8] = []) -> Response {
            var head = "HTTP/1.1 \(status) \(reason)\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            return Response([.write(Array((head + "\r\n").utf8) + body)])
        }

        /// A response with a correct Content-Length added.
        public static func status(_ status: Int, headers: [(String, String)] = [], body: [UInt8] = []) -> Response {
            raw(status: status, headers: headers + [("Content-Length", "\(body.count)")], body: body)
        }

        /// A 200 with a correct Content-Length.
        public static func ok(_ body: String) -> Response { status(200, body: Array(body.utf8)) }

        /// A redirect to `location`.
        public static func redirect(_ status: Int = 302, to location: String) -> Response {
            Self.status(status, headers: [("Location", location)])
        }

        /// Raw bytes on the wire, e.g. an invalid status line.
        public static func bytes(_ text: String) -> Response { Response([.write(Array(text.utf8))]) }

        /// Accepts the request and never answers, for `seconds`.
        public static func silence(_ seconds: Double) -> Response { Response([.sleep(seconds)]) }

        /// Closes the connection without a byte of answer.
        public static let hangUp = Response([])
    }

    /// A request as the server read it.
    public struct Request: Sendable {
        /// The method, e.g. GET.
        public let method: String
        /// The request target, e.g. `/v2/`.
        public let path: String
        /// The header fields in order.
        public let headers: [(String, String)]
        /// The body, read by Content-Length.
        public let body: [UInt8]

        /// The first value of a header, compared case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// Decides the answer to a request; the integer is how many requests came before this one for its path.
    public typealias Handler = @Sendable (Request, Int) -> Response

    /// The port the server listens on.
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let core: Core

    /// Starts a server answering every request through `handler`.
    public init(handler: @escaping Handler) throws {
        let (listener, port) = try Self.listenOnLoopback()
        self.port = port
        core = Core(listener: listener, handler: handler)
        // The thread holds only the core, so releasing the server still reaches `deinit` and stops it.
        let thread = Thread { [core] in core.serve() }
        thread.name = "MisbehavingHTTPServer:\(port)"
        thread.start()
    }

    /// Starts a server with a script per path: the n-th request to a path gets the n-th answer, the last repeating.
    /// Unknown paths get 404.
    public convenience init(script: [String: [Response]]) throws {
        try self.init { request, index in
            guard let answers = script[request.path], !answers.isEmpty else { return .status(404) }
            return answers[min(index, answers.count - 1)]
        }
    }

    deinit { core.stop() }

    /// The requests received so far, in order.
    public var requests: [Request] { core.requests }

    /// Stops serving and waits for the server thread to end; safe to call more than once.
    public func stop() { core.stop() }

    /// Binds 127.0.0.1 on a port the kernel picks and reads the port back.
    private static func listenOnLoopback() throws -> (Int32, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ServerError("socket", errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian  // loopback only, never a public interface
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && listen(descriptor, 16) == 0
                    && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else {
            let failure = ServerError("bind", errno)
            _ = Glibc.close(descriptor)
            throw failure
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A failure to set the server up.
    public struct ServerError: Error, CustomStringConvertible {
        /// What failed and why.
        public let description: String

        init(_ call: String, _ code: Int32) {
            description = "MisbehavingHTTPServer: \(call) on 127.0.0.1 failed: \(String(cString: strerror(code)))"
        }
    }
}

/// The serving half of the server, shared with its thread.
private final class Core: @unchecked Sendable {
    typealias Request = MisbehavingHTTPServer.Request

    /// Why: a test that forgets to stop the server must not leave a thread serving forever.
    static let maxLifetime = 120.0
    /// Why: far beyond any test's needs, so a client stuck in a reconnect loop ends.
    static let maxConnections = 1000
    /// Why: how long the server waits for a request head before dropping the connection.
    static let requestTimeout = 5.0
    /// Why: the server reads requests into memory; test requests are tiny.
    static let maxRequestBytes = 1024 * 1024

    private let listener: Int32
    private let handler: MisbehavingHTTPServer.Handler
    private let lock = NSLock()
    private var stopped = false
    private var recorded: [Request] = []
    private var counts: [String: Int] = [:]
    private let finished = DispatchSemaphore(value: 0)

    init(listener: Int32, handler: @escaping MisbehavingHTTPServer.Handler) {
        self.listener = listener
        self.handler = handler
    }

    var requests: [Request] {
        lock.withLock { recorded }
    }

    func stop() {
        let wasStopped = lock.withLock {
            defer { stopped = true }
            return stopped
        }
        guard !wasStopped else { return }
        finished.wait()
        _ = Glibc.close(listener)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    func serve() {
        defer { finished.signal() }
        let deadline = Date().addingTimeInterval(Self.maxLifetime)
        var served = 0
        while !isStopped, served < Self.maxConnections, Date() < deadline {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 20) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            served += 1
            handle(connection)
            _ = Glibc.close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: Int(Self.requestTimeout), tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = readRequest(connection) else { return }
        let index = lock.withLock {
            recorded.append(request)
            defer { counts[request.path, default: 0] += 1 }
            return counts[request.path, default: 0]
        }
        for action in handler(request, index).actions {
            switch action {
            case .write(let bytes): writeAll(bytes, to: connection)
            case .sleep(let seconds): sleepUnlessStopped(seconds)
            }
        }
        // Half-close and let the client read everything before the socket goes away, so the
        // client sees EOF rather than a reset.
        shutdown(connection, Int32(SHUT_WR))
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let terminator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        var needed = Int.max
        while data.count < min(needed, Self.maxRequestBytes) {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            data += chunk[0..<count]
            if headEnd == nil, let range = data.firstRange(of: terminator) {
                headEnd = range.upperBound
                let partial = Self.parseHead(Array(data[..<range.lowerBound]))
                needed = range.upperBound + (partial?.header("Content-Length").flatMap { Int($0) } ?? 0)
            }
        }
        guard let headEnd, let head = Self.parseHead(Array(data[..<(headEnd - 4)])) else { return nil }
        return Request(method: head.method, path: head.path, headers: head.headers, body: Array(data[headEnd...]))
    }

    private static func parseHead(_ bytes: [UInt8]) -> Request? {
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count == 3 else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Request(method: String(parts[0]), path: String(parts[1]), headers: headers, body: [])
    }

    private func writeAll(_ bytes: [UInt8], to connection: Int32) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                send(connection, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return }
            offset += count
        }
    }

    private func sleepUnlessStopped(_ seconds: Double) {
        let deadline = Date().addingTimeInterval(min(seconds, Self.maxLifetime))
        while Date() < deadline, !isStopped { Thread.sleep(forTimeInterval: 0.01) }
    }
}

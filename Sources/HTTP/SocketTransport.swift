#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP socket with idle timeouts on every read and write.
final class SocketTransport: Transport {
    /// The file descriptor, -1 once closed.
    private(set) var descriptor: Int32
    /// The URL for error messages.
    private let display: String

    private init(descriptor: Int32, display: String) {
        self.descriptor = descriptor
        self.display = display
    }

    deinit { close() }

    /// Resolves the endpoint's host and connects to the first address that answers, IPv6 or IPv4.
    ///
    /// `connectTimeout` bounds each address separately; `readTimeout` then bounds every single read and write,
    /// so a server that accepts and never answers fails after that long instead of hanging the scan.
    static func connect(to endpoint: Endpoint, connectTimeout: Double, readTimeout: Double) throws -> SocketTransport {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        // No AI_ADDRCONFIG: on a host whose only interface is loopback it would make 127.0.0.1 unresolvable.
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = String(cString: gai_strerror(status))
            if status == EAI_AGAIN {
                throw HTTPError.connectFailed(host: endpoint.host, port: endpoint.port, reason: reason)
            }
            throw HTTPError.hostNotFound(host: endpoint.host, reason: reason)
        }
        defer { freeaddrinfo(list) }

        var reasons: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            do {
                let descriptor = try connectOne(info.pointee, timeout: connectTimeout, idleTimeout: readTimeout)
                return SocketTransport(descriptor: descriptor, display: endpoint.display)
            } catch let error as ConnectFailure {
                reasons.append(error.reason)
            }
        }
        throw HTTPError.connectFailed(host: endpoint.host, port: endpoint.port, reason: reasons.joined(separator: "; "))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard descriptor >= 0 else { throw HTTPError.connectionLost(url: display, reason: "connection already closed") }
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw HTTPError.timeout(url: display)
            default: throw HTTPError.connectionLost(url: display, reason: String(cString: strerror(errno)))
            }
        }
    }

    func write(_ bytes: [UInt8]) throws {
        guard descriptor >= 0 else { throw HTTPError.connectionLost(url: display, reason: "connection already closed") }
        var offset = 0
        while offset < bytes.count {
            // Why MSG_NOSIGNAL: a peer that has closed would otherwise raise SIGPIPE and kill the process.
            let count = bytes.withUnsafeBytes {
                send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if count >= 0 {
                offset += count
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw HTTPError.timeout(url: display)
            default: throw HTTPError.connectionLost(url: display, reason: String(cString: strerror(errno)))
            }
        }
    }

    func close() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    /// Why a connect attempt to one address failed; collected so the final error lists every address tried.
    private struct ConnectFailure: Error {
        let reason: String
    }

    /// Connects to one address without blocking past `timeout`, returning a blocking descriptor whose
    /// reads and writes give up after `idleTimeout`.
    private static func connectOne(_ info: addrinfo, timeout: Double, idleTimeout: Double) throws -> Int32 {
        let descriptor = socket(info.ai_family, info.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.ai_protocol)
        guard descriptor >= 0 else { throw ConnectFailure(reason: "socket: \(String(cString: strerror(errno)))") }
        var succeeded = false
        defer { if !succeeded { _ = Glibc.close(descriptor) } }

        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        if Glibc.connect(descriptor, info.ai_addr, info.ai_addrlen) != 0 {
            guard errno == EINPROGRESS || errno == EINTR else {
                throw ConnectFailure(reason: String(cString: strerror(errno)))
            }
            try waitForConnect(descriptor, timeout: timeout)
        }
        _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
        try setIdleTimeouts(descriptor, seconds: idleTimeout)
        succeeded = true
        return descriptor
    }

    /// Polls until a non-blocking connect completes or `timeout` passes, surviving EINTR.
    private static func waitForConnect(_ descriptor: Int32, timeout: Double) throws {
        let deadline = monotonicSeconds() + timeout
        while true {
            let remaining = deadline - monotonicSeconds()
            guard remaining > 0 else { throw ConnectFailure(reason: "timed out after \(timeout) s") }
            var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining * 1000, Double(Int32.max)).rounded(.up)))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else {
                if ready == 0 { continue }
                throw ConnectFailure(reason: "poll: \(String(cString: strerror(errno)))")
            }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
            guard failure == 0 else { throw ConnectFailure(reason: String(cString: strerror(failure))) }
            return
        }
    }

    /// Sets SO_RCVTIMEO and SO_SNDTIMEO so every blocking read and write gives up after `seconds` of silence.
    private static func setIdleTimeouts(_ descriptor: Int32, seconds: Double) throws {
        let whole = Int(seconds)
        var interval = timeval(tv_sec: whole, tv_usec: Int(((seconds - Double(whole)) * 1_000_000).rounded()))
        if interval.tv_sec == 0, interval.tv_usec == 0 { interval.tv_usec = 1 }  // zero would mean "wait forever"
        let size = socklen_t(MemoryLayout<timeval>.size)
        guard setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, size) == 0,
              setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, size) == 0 else {
            throw ConnectFailure(reason: "setsockopt: \(String(cString: strerror(errno)))")
        }
    }
}

/// Seconds on a clock that never jumps, for deadlines.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
}

import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// TLS over a connected socket, with the server's certificate checked against the host name.
final class TLSTransport: Transport {
    private let socket: SocketTransport
    private var ssl: OpaquePointer?
    private let host: String
    private let display: String

    /// Performs the handshake.
    /// - Parameter verify: false only for hosts the user listed as insecure (like skopeo's `--tls-verify=false`).
    /// - Throws: `HTTPError.tls` naming the host and OpenSSL's reason, or `.timeout`.
    init(over socket: SocketTransport, context: TLSContext, endpoint: Endpoint, verify: Bool) throws {
        self.socket = socket
        self.host = endpoint.host
        self.display = endpoint.display
        guard let ssl = SSL_new(context.context) else {
            throw HTTPError.tls(host: endpoint.host, reason: openSSLErrors())
        }
        self.ssl = ssl
        SSL_set_fd(ssl, socket.descriptor)
        try configureVerification(ssl, endpoint: endpoint, verify: verify)
        try handshake(ssl)
    }

    deinit { close() }

    private func configureVerification(_ ssl: OpaquePointer, endpoint: Endpoint, verify: Bool) throws {
        if endpoint.isIPAddress {
            // RFC 6066 forbids IP literals in SNI; the certificate must name the address instead.
            if verify, X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), endpoint.host) != 1 {
                throw HTTPError.tls(host: host, reason: "cannot verify by address: \(openSSLErrors())")
            }
        } else {
            guard safeguard_ssl_set_sni(ssl, endpoint.host) == 1 else {
                throw HTTPError.tls(host: host, reason: "cannot set SNI: \(openSSLErrors())")
            }
            // Why: a certificate valid for some other site must not be accepted; without this, any
            // CA-signed certificate would do and an attacker on the path could impersonate the registry.
            if verify, SSL_set1_host(ssl, endpoint.host) != 1 {
                throw HTTPError.tls(host: host, reason: "cannot set host name check: \(openSSLErrors())")
            }
        }
        if !verify { SSL_set_verify(ssl, SSL_VERIFY_NONE, nil) }
    }

    private func handshake(_ ssl: OpaquePointer) throws {
        let result = SSL_connect(ssl)
        guard result != 1 else { return }
        let code = SSL_get_error(ssl, result)
        let verifyResult = SSL_get_verify_result(ssl)
        if verifyResult != X509_V_OK {
            ERR_clear_error()
            let reason = String(cString: X509_verify_cert_error_string(verifyResult))
            throw HTTPError.tls(host: host, reason: "certificate verify failed: \(reason)")
        }
        throw failure(code, during: "handshake")
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let ssl else { throw HTTPError.connectionLost(url: display, reason: "connection already closed") }
        while true {
            let count = SSL_read(ssl, buffer.baseAddress, Int32(clamping: buffer.count))
            if count > 0 { return Int(count) }
            let code = SSL_get_error(ssl, count)
            if code == SSL_ERROR_ZERO_RETURN { return 0 }
            if code == SSL_ERROR_SYSCALL, errno == EINTR { continue }
            throw failure(code, during: "read")
        }
    }

    func write(_ bytes: [UInt8]) throws {
        guard let ssl else { throw HTTPError.connectionLost(url: display, reason: "connection already closed") }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                SSL_write(ssl, $0.baseAddress! + offset, Int32(clamping: bytes.count - offset))
            }
            if count > 0 {
                offset += Int(count)
                continue
            }
            let code = SSL_get_error(ssl, count)
            if code == SSL_ERROR_SYSCALL, errno == EINTR { continue }
            throw failure(code, during: "write")
        }
    }

    func close() {
        if let ssl {
            SSL_free(ssl)
            ERR_clear_error()
        }
        ssl = nil
        socket.close()
    }

    /// Maps an `SSL_get_error` code to the error the caller sees.
    ///
    /// The socket is blocking with SO_RCVTIMEO/SO_SNDTIMEO, so WANT_READ and WANT_WRITE mean the
    /// idle timeout expired, not that the caller should poll.
    private func failure(_ code: Int32, during step: String) -> HTTPError {
        switch code {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            ERR_clear_error()
            return .timeout(url: display)
        case SSL_ERROR_SYSCALL:
            let saved = errno
            if saved == EAGAIN || saved == EWOULDBLOCK { return .timeout(url: display) }
            let queued = openSSLErrors()
            let reason = saved != 0 ? String(cString: strerror(saved))
                : queued == "unknown OpenSSL error" ? "connection closed by the server" : queued
            return step == "handshake" ? .tls(host: host, reason: "\(step): \(reason)")
                : .connectionLost(url: display, reason: "TLS \(step): \(reason)")
        default:
            return .tls(host: host, reason: "\(step): \(openSSLErrors())")
        }
    }
}

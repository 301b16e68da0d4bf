import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// The client's shared OpenSSL `SSL_CTX`: TLS 1.2 or newer, peer verification against the system store
/// plus an optional CA bundle.
///
/// `@unchecked Sendable` because OpenSSL documents an `SSL_CTX` as safe to share between threads once it is
/// configured, and this one is configured completely in `init` and never changed afterwards.
final class TLSContext: @unchecked Sendable {
    let context: OpaquePointer

    /// Creates the context.
    /// - Parameter caFile: a PEM bundle of extra trusted certificates, e.g. a private registry's CA.
    /// - Throws: `HTTPError.tls` when OpenSSL fails or the bundle cannot be loaded.
    init(caFile: String?) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw HTTPError.tls(host: "-", reason: "cannot create TLS context: \(openSSLErrors())")
        }
        self.context = context
        guard safeguard_ssl_ctx_set_min_tls12(context) == 1 else {
            throw HTTPError.tls(host: "-", reason: "cannot require TLS 1.2: \(openSSLErrors())")
        }
        safeguard_ssl_ctx_ignore_unexpected_eof(context)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        if SSL_CTX_set_default_verify_paths(context) != 1 { ERR_clear_error() }
        if let caFile, SSL_CTX_load_verify_locations(context, caFile, nil) != 1 {
            throw HTTPError.tls(host: "-", reason: "cannot load CA file \(caFile): \(openSSLErrors())")
        }
        Self.ignoreSIGPIPE
    }

    deinit { SSL_CTX_free(context) }

    /// OpenSSL writes to the socket with write(2), which raises SIGPIPE when the peer has gone; the default
    /// action would kill the whole scan, so it is ignored once per process.
    ///
    /// Shortcoming: this changes process-wide signal state. A custom BIO that sends with MSG_NOSIGNAL would
    /// avoid that, at the cost of reimplementing the socket BIO.
    private static let ignoreSIGPIPE: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()
}

/// Drains OpenSSL's thread-local error queue into one readable string.
func openSSLErrors() -> String {
    var messages: [String] = []
    // Bounded: the queue is finite, but a cap keeps a message readable.
    for _ in 0..<8 {
        let code = ERR_get_error()
        if code == 0 { break }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    ERR_clear_error()
    return messages.isEmpty ? "unknown OpenSSL error" : messages.joined(separator: "; ")
}

import Foundation
import HTTP
import Testing

/// TLS against `openssl s_server` with a throwaway self-signed certificate, skipped when no `openssl` CLI exists.
@Suite(.enabled(if: OpenSSLServer.cliPath != nil, "needs the openssl command"), .serialized)
struct TLSTests {
    @Test func refusesACertificateFromAnUnknownCA() throws {
        let server = try OpenSSLServer()
        defer { server.stop() }
        let error = httpError { _ = try fetch("https://localhost:\(server.port)/", client: testClient(attempts: 1)) }
        #expect(error?.kind == "tls", "\(String(describing: error))")
        #expect(error?.description.contains("certificate verify failed") == true)
        #expect(error?.description.contains("localhost") == true)
    }

    @Test func acceptsTheCertificateWithItsCAFile() throws {
        let server = try OpenSSLServer()
        defer { server.stop() }
        let (response, body) = try fetch("https://localhost:\(server.port)/", client: testClient(caFile: server.caFile))
        #expect(response.status == 200)
        #expect(!body.isEmpty)
    }

    @Test func refusesACertificateForAnotherName() throws {
        // The certificate names only localhost; 127.0.0.1 reaches the same server under a name it does not hold.
        let server = try OpenSSLServer()
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)/"
        let error = httpError { _ = try fetch(url, client: testClient(attempts: 1, caFile: server.caFile)) }
        #expect(error == .tls(host: "127.0.0.1", reason: "certificate verify failed: IP address mismatch"))
    }

    @Test func skipsVerificationOnlyForListedInsecureHosts() throws {
        let server = try OpenSSLServer()
        defer { server.stop() }
        let client = try testClient(insecureHosts: ["localhost:\(server.port)"])
        let (response, _) = try fetch("https://localhost:\(server.port)/", client: client)
        #expect(response.status == 200)
    }
}

/// `openssl s_server -www` on a free loopback port, with a fresh self-signed certificate for `localhost`.
final class OpenSSLServer {
    static let cliPath: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    let port: Int
    let directory: URL
    var caFile: String { directory.appendingPathComponent("cert.pem").path }
    private let process: Process

    init() throws {
        let cli = try #require(Self.cliPath)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.run(cli, [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost",
            "-keyout", directory.appendingPathComponent("key.pem").path,
            "-out", directory.appendingPathComponent("cert.pem").path,
        ])
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: cli)
        process.arguments = [
            "s_server", "-accept", "127.0.0.1:\(port)", "-www", "-quiet",
            "-cert", directory.appendingPathComponent("cert.pem").path,
            "-key", directory.appendingPathComponent("key.pem").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening()
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            // SIGKILL, not terminate(): the child inherits the test thread's signal mask, in which
            // libdispatch blocks SIGTERM, so a polite stop would never arrive.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Polls for up to five seconds until the server accepts connections.
    private func waitUntilListening() throws {
        for _ in 0..<100 {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(descriptor)
            if connected { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("openssl s_server did not start listening on port \(port)")
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }

    /// Asks the kernel for a free port by binding port 0, then releases it for the server.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func run(_ cli: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cli)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments.first ?? "") failed")
    }
}

import Foundation
import ImageModel
import ImageSources
import TestSupport
import Testing

/// The registry client's push requests, as a scripted registry sees them.
@Suite struct RegistryPushTests {
    typealias Response = MisbehavingHTTPServer.Response

    static func client(_ server: MisbehavingHTTPServer) throws -> RegistryClient {
        let host = "127.0.0.1:\(server.port)"
        return try RegistryClient(registry: host, host: host, options: testOptions())
    }

    @Test func uploadsABlobInOnePieceToTheLocationTheRegistryGave() throws {
        let blob = Array("signature payload".utf8)
        let server = try MisbehavingHTTPServer { request, _ in
            switch request.method {
            case "HEAD": .status(404)
            case "POST": .status(202, headers: [("Location", "/v2/app/blobs/uploads/abc?_state=x")])
            case "PUT": .status(201)
            default: .status(404)
            }
        }
        defer { server.stop() }
        let digest = try Self.client(server).pushBlob(blob, repository: "app")

        #expect(digest == Digest.of(blob))
        #expect(server.requests.map { "\($0.method) \($0.path)" } == [
            "HEAD /v2/app/blobs/\(digest)", "POST /v2/app/blobs/uploads/",
            "PUT /v2/app/blobs/uploads/abc?_state=x&digest=\(digest)",
        ])
        #expect(server.requests.last?.body == blob)
        #expect(server.requests.last?.header("Content-Type") == "application/octet-stream")
    }

    @Test func skipsTheUploadWhenHeadSaysTheBlobIsThere() throws {
        let server = try MisbehavingHTTPServer { request, _ in request.method == "HEAD" ? .status(200) : .status(500) }
        defer { server.stop() }
        try Self.client(server).pushBlob(Array("x".utf8), repository: "app")
        #expect(server.requests.map(\.method) == ["HEAD"])
    }

    @Test func sendsTheRegistrysTokenOnlyToTheRegistryNotToAnUploadLocationElsewhere() throws {
        let storage = try MisbehavingHTTPServer { _, _ in .status(201) }
        defer { storage.stop() }
        let registry = try MisbehavingHTTPServer { request, _ in
            if request.path.hasPrefix("/token") { return .ok(#"{"token":"secret"}"#) }
            guard request.header("Authorization") == "Bearer secret" else {
                let realm = "http://\(request.header("Host") ?? "")/token"
                return .status(401, headers: [("WWW-Authenticate", "Bearer realm=\"\(realm)\",service=\"test\"")])
            }
            switch request.method {
            case "HEAD": return .status(404)
            case "POST": return .status(202, headers: [("Location", "http://127.0.0.1:\(storage.port)/upload?s=1")])
            default: return .status(404)
            }
        }
        defer { registry.stop() }
        try Self.client(registry).pushBlob(Array("payload".utf8), repository: "app")

        let token = registry.requests.first { $0.path.hasPrefix("/token") }?.path ?? ""
        #expect(token.contains("scope=repository:app:pull,push"), "\(token)")
        let upload = try #require(storage.requests.first)
        #expect(upload.method == "PUT")
        #expect(upload.header("Authorization") == nil)
    }

    /// Refusals of a manifest push, and what the error must and must not say. The answer is made on demand so a
    /// failing case does not print a megabyte of arguments.
    static let refusals: [(String, @Sendable () -> Response, [String], String?)] = [
        // The registry's JSON error list is quoted.
        ("a JSON error list", { .status(400, body: Array(
            #"{"errors":[{"code":"MANIFEST_INVALID","message":"manifest invalid"}]}"#.utf8)) },
         ["/app:v1", "HTTP 400", "MANIFEST_INVALID: manifest invalid"], nil),
        // Plain text is quoted too, without the escape sequences a hostile server could put in a terminal.
        ("plain text with an escape sequence", { .status(400, body: Array("proxy says \u{1b}[31mno".utf8)) },
         ["/app:v1", "HTTP 400", "proxy says [31mno"], "\u{1b}"),
        // A huge body is cut to a bounded quote.
        ("a megabyte of text", { .status(413, body: [UInt8](repeating: 0x78, count: 1 << 20)) },
         ["HTTP 413", String(repeating: "x", count: 200)], String(repeating: "x", count: 201)),
    ]

    @Test(arguments: refusals)
    func namesTheManifestTheStatusAndTheRegistrysMessageWhenAPushIsRefused(
        _ name: String, _ answer: @escaping @Sendable () -> Response, _ expected: [String], _ forbidden: String?
    ) throws {
        let server = try MisbehavingHTTPServer { _, _ in answer() }
        defer { server.stop() }
        let client = try Self.client(server)
        do {
            try client.putManifest(Array("{}".utf8), mediaType: MediaType.ociManifest, repository: "app",
                                   reference: "v1")
            Issue.record("\(name): the push was not refused")
        } catch {
            let message = "\(error)"
            for fragment in expected { #expect(message.contains(fragment), "\(name): \(message)") }
            if let forbidden { #expect(!message.contains(forbidden), "\(name): \(message.prefix(300))") }
        }
    }

    @Test func refusesAManifestTheRegistryStoredUnderAnotherDigest() throws {
        let other = "sha256:" + String(repeating: "0", count: 64)
        let server = try MisbehavingHTTPServer { _, _ in .status(201, headers: [("Docker-Content-Digest", other)]) }
        defer { server.stop() }
        #expect { try Self.client(server).putManifest(Array("{}".utf8), mediaType: MediaType.ociManifest,
                                                      repository: "app", reference: "v1") } throws: {
            "\($0)".contains("digest mismatch") && "\($0)".contains(other)
        }
    }
}

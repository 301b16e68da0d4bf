import Foundation
import ImageModel
import TestSupport
import Testing

/// Faults a real registry cannot be made to show, served by a local HTTP server of the tests' own.
@Suite struct MisbehavingRegistryTests {
    /// Serves a small image's manifest and blobs like a registry, through `mutate` to inject faults.
    /// `gate` may answer a request itself (auth challenges) before the registry logic does.
    typealias Request = MisbehavingHTTPServer.Request
    typealias Response = MisbehavingHTTPServer.Response

    static func serve(_ image: SmallImage, gate: @escaping @Sendable (Request) -> Response? = { _ in nil },
                      mutate: @escaping @Sendable (String, Response) -> Response = { $1 }) throws
        -> MisbehavingHTTPServer
    {
        let manifest = try Data(contentsOf: URL(fileURLWithPath: image.blobPath(image.manifestDigest)))
        let layout = image.layout
        return try MisbehavingHTTPServer { request, _ in
            if let answer = gate(request) { return answer }
            let path = request.path
            if path.hasSuffix("/manifests/v1") || path.hasSuffix("/manifests/\(image.manifestDigest)") {
                let headers = [("Content-Type", MediaType.ociManifest)]
                return mutate(path, .status(200, headers: headers, body: Array(manifest)))
            }
            if let range = path.range(of: "/blobs/sha256:") {
                let file = layout + "/blobs/sha256/" + path[range.upperBound...]
                guard let bytes = FileManager.default.contents(atPath: file) else { return .status(404) }
                return mutate(path, .status(200, body: Array(bytes)))
            }
            return .status(404)
        }
    }

    @Test func givesUpOnAPersistent500NamingTheStatus() throws {
        let server = try MisbehavingHTTPServer { _, _ in .status(500) }
        defer { server.stop() }
        #expect { try scan("127.0.0.1:\(server.port)/app:v1") } throws: { "\($0)".contains("500") }
        #expect(server.requests.count > 1)
    }

    @Test func retriesAfter429AndSucceeds() throws {
        let image = try SmallImage()
        defer { image.remove() }
        let counter = Counter()
        let server = try Self.serve(image, mutate: { path, response in
            path.hasSuffix("/manifests/v1") && counter.next() == 0
                ? .status(429, headers: [("Retry-After", "0")]) : response
        })
        defer { server.stop() }
        let report = try scan("127.0.0.1:\(server.port)/app:v1")
        #expect(report.image.digest.description == image.manifestDigest)
    }

    @Test func failsOnATruncatedBlobNamingItsDigest() throws {
        let image = try SmallImage()
        defer { image.remove() }
        let layer = try image.manifest().layers[0].digest.description
        let server = try Self.serve(image, mutate: { path, response in
            guard path.hasSuffix(layer), case .write(let bytes) = response.actions.first else { return response }
            // Announce the full length, send half, hang up.
            let text = String(decoding: bytes, as: UTF8.self)
            let headerEnd = text.range(of: "\r\n\r\n")!.upperBound
            let head = Array(text[..<headerEnd].utf8)
            let body = bytes[head.count...]
            return .init([.write(head + body.prefix(body.count / 2))])
        })
        defer { server.stop() }
        #expect { try scan("127.0.0.1:\(server.port)/app:v1") } throws: { "\($0)".contains(layer) }
    }

    @Test func refusesAManifestWhoseDockerContentDigestDisagrees() throws {
        let image = try SmallImage()
        defer { image.remove() }
        let wrong = "sha256:" + String(repeating: "e", count: 64)
        let manifest = try Data(contentsOf: URL(fileURLWithPath: image.blobPath(image.manifestDigest)))
        let server = try MisbehavingHTTPServer { _, _ in
            .status(200, headers: [("Content-Type", MediaType.ociManifest), ("Docker-Content-Digest", wrong)],
                    body: Array(manifest))
        }
        defer { server.stop() }
        #expect { try scan("127.0.0.1:\(server.port)/app:v1") } throws: { error in
            "\(error)".contains("Docker-Content-Digest") && "\(error)".contains(wrong)
        }
    }

    @Test func refusesAnOversizedManifest() throws {
        let huge = [UInt8](repeating: UInt8(ascii: " "), count: ManifestDocument.maxSize + 1)
        let server = try MisbehavingHTTPServer { _, _ in .status(200, body: huge) }
        defer { server.stop() }
        #expect { try scan("127.0.0.1:\(server.port)/app:v1") } throws: { error in
            "\(error)".contains("\(ManifestDocument.maxSize)")
        }
    }

    @Test func timesOutOnARegistryThatNeverAnswers() throws {
        let server = try MisbehavingHTTPServer { _, _ in .silence(10) }
        defer { server.stop() }
        #expect { try scan("127.0.0.1:\(server.port)/app:v1", readTimeout: 0.3) } throws: { error in
            "\(error)".lowercased().contains("timed out") || "\(error)".lowercased().contains("timeout")
        }
    }

    @Test func answersABearerChallengeWithATokenForThePullScope() throws {
        let image = try SmallImage()
        defer { image.remove() }
        let port = PortBox()
        let server = try Self.serve(image, gate: { request in
            if request.path.hasPrefix("/token") { return .ok("{\"token\":\"t0k3n\"}") }
            guard request.header("Authorization") != "Bearer t0k3n" else { return nil }
            let challenge = "Bearer realm=\"http://127.0.0.1:\(port.value)/token\",service=\"test\""
            return .status(401, headers: [("WWW-Authenticate", challenge)])
        })
        port.value = server.port
        defer { server.stop() }
        let report = try scan("127.0.0.1:\(server.port)/app:v1")
        #expect(report.image.digest.description == image.manifestDigest)
        let tokenRequest = try #require(server.requests.first { $0.path.hasPrefix("/token") })
        #expect(tokenRequest.path.contains("scope=repository%3Aapp%3Apull")
            || tokenRequest.path.contains("scope=repository:app:pull"))
    }
}

private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int { lock.withLock { defer { value += 1 }; return value } }
}

private final class PortBox: @unchecked Sendable {
    private var stored = 0
    private let lock = NSLock()
    var value: Int {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

import Foundation
import HTTP
import ImageModel

/// A client for one registry's distribution API (`/v2/`): manifests, blobs, tags and the catalog.
///
/// It answers auth challenges itself: on a 401 it reads `WWW-Authenticate`, fetches a bearer token for the
/// request's scope (or uses basic auth), and repeats the request once. Tokens are cached per scope.
public final class RegistryClient: @unchecked Sendable {
    /// The registry as references name it, e.g. `docker.io` or `localhost:5000`.
    public let registry: String
    let baseURL: String
    let http: HTTPClient
    let credentials: Credentials?
    // Guarded by `lock`: tokens fetched so far, per scope. The only mutable state, shared by layer threads.
    var tokens: [String: String] = [:]
    let lock = NSLock()

    /// Token responses are small JSON objects; bound them like any other hostile document.
    static let maxTokenResponse = 1024 * 1024
    /// Tag and catalog pages: a generous page of names, bounded.
    static let maxListResponse = 8 * 1024 * 1024
    /// How many pages of a tag list or catalog are followed before stopping.
    static let maxPages = 1000
    /// Error bodies are read only to quote the registry's message.
    static let maxErrorBody = 16 * 1024

    /// Creates a client for `registry` (reached at `host`, which differs for Docker Hub).
    public init(registry: String, host: String, options: RegistryOptions) throws {
        self.registry = registry
        let plain = options.insecureRegistries.contains(registry) || options.insecureRegistries.contains(host)
            || Self.isLoopback(host)
        self.baseURL = (plain ? "http://" : "https://") + host
        var configuration = options.http
        if plain { configuration.insecureHosts.insert(Self.hostWithoutPort(host)) }
        self.http = try HTTPClient(configuration: configuration)
        self.credentials = try options.credentials ?? options.credentialStore.credentials(for: registry)
    }

    /// Loopback registries speak plain HTTP, as docker and skopeo assume for them.
    static func isLoopback(_ host: String) -> Bool {
        let name = hostWithoutPort(host)
        return name == "localhost" || name.hasPrefix("127.") || name == "[::1]" || name == "::1"
    }

    static func hostWithoutPort(_ host: String) -> String {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") { return String(host[...end]) }
        return String(host.prefix { $0 != ":" })
    }

    /// Fetches a manifest or index by tag or digest, verified against the digest asked for and the
    /// `Docker-Content-Digest` header.
    public func fetchManifest(repository: String, reference: String) throws -> FetchedManifest {
        let what = "\(registry)/\(repository):\(reference)"
        let response = try get("/v2/\(repository)/manifests/\(reference)", scope: pullScope(repository),
                               accept: MediaType.acceptedManifests.joined(separator: ", "), what: "manifest \(what)")
        let bytes = try read(response, limit: ManifestDocument.maxSize, what: "manifest \(what)")
        let pinned = reference.contains(":") ? try Digest(parsing: reference) : nil
        var digest = Digest.of(bytes, algorithm: pinned?.algorithm ?? .sha256)
        if let pinned, pinned != digest {
            throw SourceError.digestMismatch(what: "manifest \(what)", expected: pinned, computed: digest)
        }
        // The header is the registry's claim about what it stores under this tag; a body that does not match
        // means the bytes were altered between the registry's storage and us.
        if let header = response.headers["Docker-Content-Digest"], let announced = try? Digest(parsing: header) {
            let computed = Digest.of(bytes, algorithm: announced.algorithm)
            guard computed == announced else {
                throw SourceError.digestMismatch(what: "manifest \(what) (Docker-Content-Digest)",
                                                 expected: announced, computed: computed)
            }
            if pinned == nil, announced.algorithm == .sha256 { digest = announced }
        }
        let mediaType = response.headers["Content-Type"].map { String($0.prefix { $0 != ";" }) }
        return FetchedManifest(bytes: bytes, mediaType: mediaType, digest: digest)
    }

    /// Opens a blob for streaming; redirects to storage hosts are followed without our credentials.
    public func openBlob(repository: String, digest: Digest) throws -> any ByteStream {
        let response = try get("/v2/\(repository)/blobs/\(digest)", scope: pullScope(repository), accept: nil,
                               what: "blob \(digest) in \(registry)/\(repository)")
        return response.body
    }

    /// The repository's tags, following `Link` pagination.
    public func tags(repository: String) throws -> [String] {
        struct Page: Decodable { var tags: [String]? }
        return try paginate("/v2/\(repository)/tags/list", scope: pullScope(repository),
                            what: "tags of \(registry)/\(repository)") { (page: Page) in page.tags ?? [] }
    }

    /// The registry's repositories, following `Link` pagination.
    public func catalog() throws -> [String] {
        struct Page: Decodable { var repositories: [String]? }
        return try paginate("/v2/_catalog", scope: "registry:catalog:*", what: "catalog of \(registry)") {
            (page: Page) in page.repositories ?? []
        }
    }

    private func paginate<Page: Decodable>(_ path: String, scope: String, what: String,
                                           items: (Page) -> [String]) throws -> [String] {
        var result: [String] = []
        var next: String? = path
        var pages = 0
        while let current = next, pages < Self.maxPages {
            pages += 1
            let response = try get(current, scope: scope, accept: "application/json", what: what)
            let bytes = try read(response, limit: Self.maxListResponse, what: what)
            do {
                result += items(try JSONDecoder().decode(Page.self, from: Data(bytes)))
            } catch {
                throw SourceError.read(what: what, reason: "unreadable answer: \(describe(error))")
            }
            next = response.headers["Link"].flatMap(Self.nextLink)
        }
        return result
    }

    /// The target of `Link: </v2/…?last=x&n=100>; rel="next"`, kept only when it stays on this registry's API.
    static func nextLink(_ header: String) -> String? {
        guard header.contains("rel=\"next\""), let open = header.firstIndex(of: "<"),
              let close = header[open...].firstIndex(of: ">")
        else { return nil }
        let target = String(header[header.index(after: open)..<close])
        return target.hasPrefix("/v2/") ? target : nil
    }

    func pullScope(_ repository: String) -> String { "repository:\(repository):pull" }

    /// The whole body of `response`, refusing more than `limit` bytes with an error naming `what`.
    func read(_ response: HTTPResponse, limit: Int, what: String) throws -> [UInt8] {
        do {
            var body = response.body
            return try body.readAll(limit: limit)
        } catch let error as ByteStreamError {
            throw SourceError.read(what: what, reason: error.description)
        }
    }
}

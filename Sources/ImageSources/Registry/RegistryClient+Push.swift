import Foundation
import HTTP
import ImageModel

extension RegistryClient {
    /// The scope a token needs to push; pushing also reads (a HEAD before each upload, a mount).
    func pushScope(_ repository: String) -> String { "repository:\(repository):pull,push" }

    /// Whether the repository already holds the blob, asked with HEAD.
    /// - Throws: `SourceError` for any answer other than 2xx or 404.
    public func blobExists(repository: String, digest: Digest) throws -> Bool {
        let what = "blob \(digest) in \(registry)/\(repository)"
        let response = try send(.head, "/v2/\(repository)/blobs/\(digest)", scope: pushScope(repository), what: what)
        defer { response.close() }
        switch response.status {
        case 200..<300: return true
        case 404: return false
        default: throw try failure(response, what: what)
        }
    }

    /// Uploads a blob in one piece (POST for a session, then PUT with the digest), unless HEAD says it is there.
    /// - Returns: the blob's digest.
    /// - Throws: `SourceError` naming the repository, the digest, the registry's status and its error message.
    @discardableResult
    public func pushBlob(_ bytes: [UInt8], repository: String) throws -> Digest {
        let digest = Digest.of(bytes)
        if try blobExists(repository: repository, digest: digest) { return digest }
        let what = "upload of blob \(digest) to \(registry)/\(repository)"
        let session = try send(.post, "/v2/\(repository)/blobs/uploads/", scope: pushScope(repository), what: what)
        guard session.status == 202 else { throw try failure(session, what: what) }
        session.close()
        guard let location = session.headers["Location"] else {
            throw SourceError.read(what: what, reason: "the registry opened an upload without a Location")
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/octet-stream")
        let target = try uploadTarget(location, digest: digest, what: what)
        let finished = try send(.put, target, scope: pushScope(repository), headers: headers, body: bytes, what: what)
        defer { finished.close() }
        guard finished.status == 201 else { throw try failure(finished, what: what) }
        return digest
    }

    /// Stores a manifest or index under a tag or its digest, with its media type as `Content-Type`.
    /// - Parameter reference: a tag, or the digest of `bytes`.
    /// - Throws: `SourceError` naming the manifest, the registry's status and its error message, or
    ///   `.digestMismatch` when the registry says it stored other bytes than those sent.
    @discardableResult
    public func putManifest(_ bytes: [UInt8], mediaType: String, repository: String, reference: String) throws
        -> PushedManifest
    {
        let digest = Digest.of(bytes)
        let what = "push of manifest \(registry)/\(repository)\(reference.contains(":") ? "@" : ":")\(reference)"
        guard bytes.count <= ManifestDocument.maxSize else {
            throw SourceError.read(what: what, reason: "\(bytes.count) bytes exceeds the "
                                   + "\(ManifestDocument.maxSize)-byte limit registries accept")
        }
        var headers = HTTPHeaders()
        headers.add("Content-Type", mediaType)
        let response = try send(.put, "/v2/\(repository)/manifests/\(reference)", scope: pushScope(repository),
                                headers: headers, body: bytes, what: what)
        defer { response.close() }
        guard (200..<300).contains(response.status) else { throw try failure(response, what: what) }
        if let header = response.headers["Docker-Content-Digest"], let announced = try? Digest(parsing: header),
           announced.algorithm == .sha256, announced != digest {
            throw SourceError.digestMismatch(what: what, expected: digest, computed: announced)
        }
        let subject = response.headers["OCI-Subject"].flatMap { try? Digest(parsing: $0) }
        return PushedManifest(digest: digest, size: Int64(bytes.count), subject: subject)
    }

    /// The upload location with the digest added to its query, as the monolithic upload's closing PUT wants.
    private func uploadTarget(_ location: String, digest: Digest, what: String) throws -> String {
        guard location.hasPrefix("/") || location.hasPrefix("http://") || location.hasPrefix("https://") else {
            let shown = Self.quotable(Array(location.utf8))
            throw SourceError.read(what: what, reason: "unusable upload Location '\(shown)'")
        }
        return location + (location.contains("?") ? "&" : "?") + "digest=\(digest)"
    }
}

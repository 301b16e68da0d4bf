import ImageModel

/// What the registry answered when it stored a manifest.
public struct PushedManifest: Sendable, Equatable {
    /// The digest of the bytes sent, which the registry's `Docker-Content-Digest` confirmed when it sent one.
    public var digest: Digest
    /// The size of the bytes sent.
    public var size: Int64
    /// The `OCI-Subject` header: set when the registry indexed the manifest's subject for its referrers API.
    public var subject: Digest?

    /// Creates the record of a push.
    public init(digest: Digest, size: Int64, subject: Digest?) {
        self.digest = digest
        self.size = size
        self.subject = subject
    }
}

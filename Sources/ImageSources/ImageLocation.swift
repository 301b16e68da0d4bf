import ImageModel

/// Where an image is read from, written the way skopeo writes transports.
///
/// `docker://REF` (also a bare `REF`), `oci:DIR[:TAG]`, `oci-archive:FILE[:TAG]`, `docker-archive:FILE[:REF]`.
public enum ImageLocation: Hashable, Sendable, CustomStringConvertible {
    /// An image in a registry.
    case registry(Reference)
    /// An OCI image layout directory, optionally selecting a manifest by its `org.opencontainers.image.ref.name`.
    case ociLayout(path: String, tag: String?)
    /// An OCI image layout packed in a tar file.
    case ociArchive(path: String, tag: String?)
    /// A `docker save` tar file, optionally selecting an image by one of its `RepoTags`.
    case dockerArchive(path: String, reference: String?)

    /// Parses a transport-qualified image name.
    /// - Throws: `SourceError.invalidLocation` or `ModelError.invalidReference` naming the input.
    public init(parsing input: String) throws {
        if input.hasPrefix("docker://") {
            self = .registry(try Reference(parsing: String(input.dropFirst("docker://".count))))
            return
        }
        for (prefix, make) in Self.fileTransports where input.hasPrefix(prefix) {
            let rest = String(input.dropFirst(prefix.count))
            // As containers/image does, the first ':' ends the path; a path holding ':' cannot be named.
            let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let path = parts.first, !path.isEmpty else {
                throw SourceError.invalidLocation(input, reason: "missing path after '\(prefix)'")
            }
            let selector = parts.count > 1 ? parts[1] : nil
            if selector?.isEmpty == true { throw SourceError.invalidLocation(input, reason: "empty tag after ':'") }
            self = make(path, selector)
            return
        }
        if let colon = input.firstIndex(of: ":"), Self.knownButUnsupported.contains(String(input[..<colon])) {
            throw SourceError.invalidLocation(input, reason: "transport '\(input[..<colon])' is not supported")
        }
        self = .registry(try Reference(parsing: input))
    }

    private static let fileTransports: [(String, @Sendable (String, String?) -> ImageLocation)] = [
        ("oci:", { .ociLayout(path: $0, tag: $1) }),
        ("oci-archive:", { .ociArchive(path: $0, tag: $1) }),
        ("docker-archive:", { .dockerArchive(path: $0, reference: $1) }),
    ]

    private static let knownButUnsupported: Set<String> = [
        "dir", "docker-daemon", "containers-storage", "ostree", "sif",
    ]

    /// The name as skopeo would print it.
    public var description: String {
        switch self {
        case .registry(let reference): "docker://\(reference)"
        case .ociLayout(let path, let tag): "oci:\(path)" + (tag.map { ":\($0)" } ?? "")
        case .ociArchive(let path, let tag): "oci-archive:\(path)" + (tag.map { ":\($0)" } ?? "")
        case .dockerArchive(let path, let reference): "docker-archive:\(path)" + (reference.map { ":\($0)" } ?? "")
        }
    }
}

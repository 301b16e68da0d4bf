import ImageModel

/// Why an image could not be read from its source.
public enum SourceError: Error, CustomStringConvertible {
    /// The transport-qualified name is not one Safeguard understands.
    case invalidLocation(String, reason: String)
    /// A file or directory could not be opened or read.
    case io(path: String, reason: String)
    /// An OCI layout or archive is not laid out as its spec says.
    case invalidLayout(String, reason: String)
    /// A blob the manifest names is not in the layout or archive.
    case blobNotFound(Digest, in: String)
    /// No manifest in the layout or archive matches the requested tag.
    case tagNotFound(String, in: String, available: [String])
    /// An index lists no manifest for the requested platform.
    case platformNotFound(Platform, in: String, available: [Platform])
    /// Indexes nest deeper than Safeguard follows, or refer back to themselves.
    case indexTooDeep(String)
    /// A fetched document did not hash to the digest it was asked for, or to the one the registry announced.
    case digestMismatch(what: String, expected: Digest, computed: Digest)
    /// The registry answered with an error status.
    case registry(host: String, status: Int, what: String, message: String)
    /// The registry asked for credentials Safeguard does not have, or rejected them.
    case unauthorized(host: String, what: String, message: String)
    /// A credential helper or auth file failed.
    case credentials(host: String, reason: String)
    /// A document or blob could not be read within its bounds.
    case read(what: String, reason: String)

    public var description: String {
        switch self {
        case .invalidLocation(let input, let reason): "invalid image location '\(input)': \(reason)"
        case .io(let path, let reason): "\(path): \(reason)"
        case .invalidLayout(let path, let reason): "\(path): not a valid image layout: \(reason)"
        case .blobNotFound(let digest, let place): "\(place): blob \(digest) is missing"
        case .tagNotFound(let tag, let place, let available):
            "\(place): no image tagged '\(tag)' (available: \(Self.list(available)))"
        case .platformNotFound(let platform, let place, let available):
            "\(place): no image for platform \(platform) (available: \(Self.list(available.map(\.description))))"
        case .indexTooDeep(let place): "\(place): image indexes nest too deep or refer to themselves"
        case .digestMismatch(let what, let expected, let computed):
            "\(what): digest mismatch: expected \(expected), content hashes to \(computed)"
        case .registry(let host, let status, let what, let message):
            "\(host): \(what): HTTP \(status)\(message.isEmpty ? "" : ": \(message)")"
        case .unauthorized(let host, let what, let message):
            "\(host): \(what): unauthorized\(message.isEmpty ? "" : ": \(message)") "
                + "(check credentials: --creds, REGISTRY_AUTH_FILE or ~/.docker/config.json)"
        case .credentials(let host, let reason): "\(host): credentials: \(reason)"
        case .read(let what, let reason): "\(what): \(reason)"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}

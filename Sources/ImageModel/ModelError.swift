/// Errors raised while parsing the image model: references, digests, platforms and documents.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// A digest string that is not `algorithm:hex` of a supported algorithm.
    case invalidDigest(String, reason: String)
    /// An image reference that docker would not accept.
    case invalidReference(String, reason: String)
    /// A platform string that is not `os/arch[/variant]`.
    case invalidPlatform(String, reason: String)
    /// A manifest, index or config that is not valid JSON of the expected shape.
    case invalidDocument(what: String, reason: String)
    /// A media type Safeguard does not know how to read in this place.
    case unsupportedMediaType(String, what: String)

    public var description: String {
        switch self {
        case .invalidDigest(let input, let reason): "invalid digest '\(input)': \(reason)"
        case .invalidReference(let input, let reason): "invalid image reference '\(input)': \(reason)"
        case .invalidPlatform(let input, let reason): "invalid platform '\(input)': \(reason)"
        case .invalidDocument(let what, let reason): "invalid \(what): \(reason)"
        case .unsupportedMediaType(let type, let what): "unsupported media type '\(type)' for \(what)"
        }
    }
}

/// Why an SBOM could not be written.
public enum SBOMFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A digest of the subject is not `algorithm:hex`.
    case malformedDigest(field: String, value: String)
    /// A field of the subject that names the document is empty.
    case emptyField(String)
    /// The document could not be encoded as JSON.
    case encodingFailed(format: String, reason: String)

    public var description: String {
        switch self {
        case .malformedDigest(let field, let value):
            "the SBOM subject's \(field) \"\(value)\" is not a digest of the form algorithm:hex"
        case .emptyField(let field):
            "the SBOM subject's \(field) is empty"
        case .encodingFailed(let format, let reason):
            "could not encode the \(format) document: \(reason)"
        }
    }
}

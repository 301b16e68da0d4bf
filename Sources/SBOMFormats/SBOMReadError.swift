/// Why an SBOM document could not be read; every case names the file, and the JSON path where one applies.
public enum SBOMReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is larger than `SBOMReader.maxDocumentSize`.
    case tooLarge(source: String, size: Int, limit: Int)
    /// The bytes are not JSON.
    case notJSON(source: String, reason: String)
    /// Arrays and objects nest deeper than `SBOMReader.maxDepth`.
    case tooDeep(source: String, limit: Int)
    /// The document is neither CycloneDX (`bomFormat`) nor SPDX (`spdxVersion`).
    case unknownFormat(source: String)
    /// The format is known but not this version of it.
    case unsupportedVersion(source: String, format: String, version: String)
    /// A field required by the format is missing.
    case missingField(source: String, path: String)
    /// A field holds a value of the wrong JSON type, or a value the format does not allow.
    case invalidValue(source: String, path: String, expected: String)
    /// A string longer than `SBOMReader.maxFieldLength` where a name, version or purl belongs.
    case fieldTooLong(source: String, path: String, length: Int, limit: Int)
    /// More components or packages than `SBOMReader.maxPackages`.
    case tooManyPackages(source: String, path: String, limit: Int)

    public var description: String {
        switch self {
        case .tooLarge(let source, let size, let limit):
            "\(source): the SBOM is \(size) bytes, more than the \(limit) bytes Safeguard reads"
        case .notJSON(let source, let reason):
            "\(source): not a JSON document: \(reason)"
        case .tooDeep(let source, let limit):
            "\(source): JSON nested deeper than \(limit) levels"
        case .unknownFormat(let source):
            "\(source): neither a CycloneDX document (no \"bomFormat\") nor an SPDX document (no \"spdxVersion\")"
        case .unsupportedVersion(let source, let format, let version):
            "\(source): \(format) version \"\(version)\" is not one Safeguard reads"
        case .missingField(let source, let path):
            "\(source): \(path) is missing"
        case .invalidValue(let source, let path, let expected):
            "\(source): \(path) should be \(expected)"
        case .fieldTooLong(let source, let path, let length, let limit):
            "\(source): \(path) is \(length) bytes long, more than \(limit)"
        case .tooManyPackages(let source, let path, let limit):
            "\(source): \(path) holds more than \(limit) packages"
        }
    }
}

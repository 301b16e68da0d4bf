import JSONTree

/// A value of an SBOM document with its path, failing with `SBOMReadError`.
typealias JSONNode = JSONTree<SBOMReadError>

extension SBOMReadError: JSONTreeFailure {
    /// Too many elements in an array: in an SBOM, the components or packages.
    public static func tooManyElements(source: String, path: String, limit: Int) -> SBOMReadError {
        .tooManyPackages(source: source, path: path, limit: limit)
    }
}

extension JSONTree where Failure == SBOMReadError {
    /// This value as a string no longer than `SBOMReader.maxFieldLength` bytes: real names, versions and purls
    /// are well under a kilobyte.
    func string() throws(SBOMReadError) -> String { try string(limit: SBOMReader.maxFieldLength) }

    /// The string member `key`, or nil when absent.
    func string(_ key: String) throws(SBOMReadError) -> String? { try member(key)?.string() }
}

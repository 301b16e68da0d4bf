import JSONTree

/// A value of an OpenVEX document with its path, failing with `VEXError`.
typealias JSONNode = JSONTree<VEXError>

extension VEXError: JSONTreeFailure {}

extension JSONTree where Failure == VEXError {
    /// This value as a string of at most `VEXDocument.maxFieldLength` bytes: statements' text is copied into the
    /// report beside each finding it decides.
    func string() throws(VEXError) -> String { try string(limit: VEXDocument.maxFieldLength) }

    /// The string member `key`, or nil when absent; an empty string counts as absent, as go-vex treats it.
    func string(_ key: String) throws(VEXError) -> String? {
        guard let text = try member(key)?.string(), !text.isEmpty else { return nil }
        return text
    }

    /// The elements of the array member `key` (at most `VEXDocument.maxElements`), or none when absent.
    func elements(_ key: String) throws(VEXError) -> [JSONTree] {
        try elements(key, limit: VEXDocument.maxElements)
    }
}

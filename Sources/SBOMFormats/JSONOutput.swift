import JSONTree

/// Encodes a document as the writers print it: indented, keys sorted so that the same input gives the same bytes.
enum JSONOutput {
    /// The JSON text of `document`.
    /// - Throws: `SBOMFormatError.encodingFailed` naming `format`.
    static func encode(_ document: some Encodable, format: String) throws -> String {
        do {
            return String(decoding: try PrettyJSONEncoder().encode(document), as: UTF8.self) + "\n"
        } catch {
            throw SBOMFormatError.encodingFailed(format: format, reason: "\(error)")
        }
    }
}

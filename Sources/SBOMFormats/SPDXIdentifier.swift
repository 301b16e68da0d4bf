/// Builds SPDX identifiers, whose `idstring` may hold only letters, digits, `.` and `-` (SPDX 2.3 §3.2).
enum SPDXIdentifier {
    /// `text` with every character an `idstring` cannot hold replaced by `-`.
    static func sanitize(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "-" })
    }

    /// The first `count` hex digits of the SHA-256 of `text`: keeps identifiers apart whose sanitised names meet.
    static func hash(_ text: String, count: Int = 16) -> String { String(SHA256.hex(text).prefix(count)) }
}

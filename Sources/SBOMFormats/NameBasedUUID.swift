/// A UUID derived from a name, the way RFC 9562 §5.8 and its Appendix B.2 derive a version 8 UUID from SHA-256.
///
/// Version 5 does the same with SHA-1; SHA-256 is what this target can compute and what the RFC's example uses.
/// The same name always gives the same UUID, so documents about the same image render byte for byte alike.
enum NameBasedUUID {
    /// The UUID for `name`, lowercase, in the 8-4-4-4-12 form.
    static func make(_ name: String) -> String {
        var bytes = Array(SHA256.hash(Array(name.utf8)).prefix(16))
        bytes[6] = bytes[6] & 0x0f | 0x80
        bytes[8] = bytes[8] & 0x3f | 0x80
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        var result = ""
        for (index, character) in hex.enumerated() {
            if [8, 12, 16, 20].contains(index) { result += "-" }
            result.append(character)
        }
        return result
    }
}

import Foundation

/// PEM text: `-----BEGIN LABEL-----`, base64, `-----END LABEL-----`, one or more blocks.
public enum PEM {
    /// One block: its label and the DER it carries.
    public struct Block: Sendable, Equatable {
        /// The label between `BEGIN` and the dashes, e.g. `CERTIFICATE`.
        public let label: String
        /// The decoded bytes.
        public let der: [UInt8]
    }

    /// Every block in `text`, in order; text outside blocks is ignored as OpenSSL does.
    /// - Throws: `CryptoError.malformedPEM` for an unterminated block, mismatched labels or bad base64,
    ///   `inputTooLarge` past `CryptoLimits.maxPEMSize`.
    public static func blocks(in text: String, source: String) throws(CryptoError) -> [Block] {
        guard text.utf8.count <= CryptoLimits.maxPEMSize else {
            throw .inputTooLarge(source: source, size: text.utf8.count, limit: CryptoLimits.maxPEMSize)
        }
        var blocks: [Block] = []
        var label: String?
        var body = ""
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let current = label {
                if line.hasPrefix("-----END ") {
                    guard line == "-----END \(current)-----" else {
                        throw .malformedPEM(source: source, reason: "\(line) closes BEGIN \(current)")
                    }
                    guard let der = Data(base64Encoded: body) else {
                        throw .malformedPEM(source: source, reason: "the \(current) block is not valid base64")
                    }
                    blocks.append(Block(label: current, der: Array(der)))
                    label = nil
                    body = ""
                } else if !line.contains(":") {
                    // RFC 1421 headers (Proc-Type, DEK-Info) contain a colon; base64 never does.
                    body += line
                }
            } else if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----"), line.count > 16 {
                label = String(line.dropFirst(11).dropLast(5))
            }
        }
        if let label { throw .malformedPEM(source: source, reason: "BEGIN \(label) is never closed") }
        return blocks
    }
}

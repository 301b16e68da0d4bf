/// A content digest as the OCI image spec writes it: `algorithm:encoded`, e.g. `sha256:6c3c…`.
///
/// Only the registered algorithms Safeguard can verify are accepted (`sha256`, `sha512`), and the
/// encoded part must be lowercase hex of the algorithm's exact length: a digest that cannot be
/// verified is no better than none, so it is rejected where it is parsed.
public struct Digest: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The hash algorithms the OCI image spec registers.
    public enum Algorithm: String, Sendable, CaseIterable {
        case sha256
        case sha512

        /// The length of the hex encoding of this algorithm's output.
        public var encodedLength: Int { self == .sha256 ? 64 : 128 }
    }

    /// The algorithm that produced the digest.
    public let algorithm: Algorithm
    /// The lowercase hex encoding of the hash.
    public let encoded: String

    /// Parses `algorithm:encoded`.
    /// - Throws: `ModelError.invalidDigest` naming the input and what is wrong with it.
    public init(parsing string: String) throws {
        guard let colon = string.firstIndex(of: ":") else {
            throw ModelError.invalidDigest(string, reason: "missing ':' between algorithm and hash")
        }
        let name = String(string[..<colon])
        let encoded = String(string[string.index(after: colon)...])
        guard let algorithm = Algorithm(rawValue: name) else {
            throw ModelError.invalidDigest(string, reason: "unsupported algorithm '\(name)'")
        }
        guard encoded.utf8.count == algorithm.encodedLength else {
            throw ModelError.invalidDigest(string, reason: "\(name) needs \(algorithm.encodedLength) hex digits")
        }
        guard encoded.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw ModelError.invalidDigest(string, reason: "hash must be lowercase hex")
        }
        self.algorithm = algorithm
        self.encoded = encoded
    }

    init(algorithm: Algorithm, encoded: String) {
        self.algorithm = algorithm
        self.encoded = encoded
    }

    /// The digest of `bytes` under `algorithm`.
    public static func of(_ bytes: some Sequence<UInt8>, algorithm: Algorithm = .sha256) -> Digest {
        let digester = Digester(algorithm: algorithm)
        let hashedInPlace: Void? = bytes.withContiguousStorageIfAvailable {
            digester.update(UnsafeRawBufferPointer($0))
        }
        if hashedInPlace == nil { Array(bytes).withUnsafeBytes { digester.update($0) } }
        return digester.finalize()
    }

    /// The first 12 hex digits, as `docker images` shows IDs.
    public var short: String { String(encoded.prefix(12)) }

    public var description: String { "\(algorithm.rawValue):\(encoded)" }

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

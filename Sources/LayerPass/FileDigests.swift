import ImageModel

/// The digest algorithms package databases record for files: dpkg's MD5, apk's SHA-1, rpm's MD5 or SHA-256.
public struct DigestAlgorithms: OptionSet, Sendable, Hashable {
    /// The set as bits.
    public let rawValue: UInt8

    /// Creates a set from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// MD5.
    public static let md5 = DigestAlgorithms(rawValue: 1)
    /// SHA-1.
    public static let sha1 = DigestAlgorithms(rawValue: 2)
    /// SHA-256.
    public static let sha256 = DigestAlgorithms(rawValue: 4)
    /// Every algorithm the pass can compute.
    public static let all: DigestAlgorithms = [.md5, .sha1, .sha256]

    /// The algorithm named as in a recorded `algorithm:hex` digest, or nil for one the pass does not compute.
    public init?(name: some StringProtocol) {
        switch name {
        case "md5": self = .md5
        case "sha1": self = .sha1
        case "sha256": self = .sha256
        default: return nil
        }
    }
}

/// The digests of one regular file's content in some of the algorithms package databases record.
///
/// The pass computes all of them for a file unless the layer showed which package manager it belongs to (see
/// `DigestRequest.narrowing`); `algorithms` says which were computed.
public struct FileDigests: Sendable, Hashable {
    /// The algorithms computed; the others' storage stays zero.
    public internal(set) var algorithms: DigestAlgorithms = []
    // Held inline rather than as arrays: the pass keeps one value per digested file (hundreds of thousands in a
    // large layer), so three heap allocations each would cost more memory and time than the digests themselves.
    var md5Storage = SIMD16<UInt8>()
    /// The first 20 bytes hold the digest; the rest stay zero.
    var sha1Storage = SIMD32<UInt8>()
    var sha256Storage = SIMD32<UInt8>()

    /// MD5 of the content, if computed.
    public var md5: [UInt8]? { bytes(.md5, md5Storage, count: 16) }
    /// SHA-1 of the content, if computed.
    public var sha1: [UInt8]? { bytes(.sha1, sha1Storage, count: 20) }
    /// SHA-256 of the content, if computed.
    public var sha256: [UInt8]? { bytes(.sha256, sha256Storage, count: 32) }

    init() {}

    /// The digests of `bytes` in every algorithm.
    public init(of bytes: [UInt8]) { self = FileDigester().digests(of: bytes, algorithms: .all) }

    private func bytes<Storage: SIMD>(_ algorithm: DigestAlgorithms, _ storage: Storage, count: Int) -> [UInt8]?
    where Storage.Scalar == UInt8 {
        algorithms.contains(algorithm) ? (0..<count).map { storage[$0] } : nil
    }

    /// The digest in `algorithm` (`md5`, `sha1`, `sha256`) as lowercase hex, or nil when it was not computed.
    public func hex(_ algorithm: some StringProtocol) -> String? {
        switch algorithm {
        case "md5": md5.map(hexEncoded)
        case "sha1": sha1.map(hexEncoded)
        case "sha256": sha256.map(hexEncoded)
        default: nil
        }
    }

    /// Whether a recorded `algorithm:hex` digest matches: nil when its algorithm was not computed here or its
    /// value is no digest of that algorithm (dpkg writes `newconffile` in place of a conffile's digest until the
    /// package is configured; such a record says nothing about the content).
    public func matches(recorded: String) -> Bool? {
        guard Self.isComparable(recorded: recorded), let colon = recorded.firstIndex(of: ":"),
              let actual = hex(recorded[..<colon])
        else { return nil }
        return actual == recorded[recorded.index(after: colon)...].lowercased()
    }

    /// Whether a recorded `algorithm:hex` digest names an algorithm the pass computes, with a value of its length
    /// in hex.
    public static func isComparable(recorded: String) -> Bool {
        guard let colon = recorded.firstIndex(of: ":"), let length = hexLengths[recorded[..<colon]] else {
            return false
        }
        let value = recorded.utf8[recorded.utf8.index(after: colon)...]
        return value.count == length && value.allSatisfy(isHexDigit)
    }

    /// The algorithm of a comparable recorded digest.
    public static func algorithm(ofRecorded recorded: String) -> DigestAlgorithms? {
        guard isComparable(recorded: recorded), let colon = recorded.firstIndex(of: ":") else { return nil }
        return DigestAlgorithms(name: recorded[..<colon])
    }

    /// Hex digits of each computed algorithm's digest.
    private static let hexLengths: [Substring: Int] = ["md5": 32, "sha1": 40, "sha256": 64]

    /// A hex digit of either case: records are compared case-insensitively.
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}

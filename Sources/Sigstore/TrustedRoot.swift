import Crypto
import Foundation

/// Sigstore's trusted root (`trusted_root.json`): the transparency logs, certificate authorities, CT logs and
/// timestamp authorities whose keys a verification may rely on, each for a window of time.
public struct TrustedRoot: Sendable {
    /// A transparency or CT log: its key, the window in which that key is trusted, and its ID.
    public struct LogInstance: Sendable {
        /// Where the log lives; its host names the log in checkpoint signatures.
        public let baseURL: String
        /// The log's public key.
        public let publicKey: PublicKey
        /// When the key is trusted.
        public let validFor: TimeRange
        /// The log ID: SHA-256 of the key's SubjectPublicKeyInfo (or as the root states it).
        public let logID: [UInt8]

        /// The host (and port, if any) of `baseURL`: the name under which the log signs checkpoints.
        public var name: String {
            guard let components = URLComponents(string: baseURL), let host = components.host else { return baseURL }
            return components.port.map { "\(host):\($0)" } ?? host
        }
    }

    /// A certificate authority (Fulcio) or timestamp authority: a certificate chain, leaf-most first, and when
    /// it is trusted.
    public struct Authority: Sendable {
        /// The authority's URI, for messages.
        public let uri: String
        /// The chain, from the certificate closest to signers up to the root.
        public let chain: [Certificate]
        /// When the authority is trusted.
        public let validFor: TimeRange
    }

    /// Where the root was read from, for messages.
    public let source: String
    /// Rekor instances.
    public let transparencyLogs: [LogInstance]
    /// Fulcio instances.
    public let certificateAuthorities: [Authority]
    /// Certificate transparency logs that sign SCTs for Fulcio certificates.
    public let certificateTransparencyLogs: [LogInstance]
    /// RFC 3161 timestamp authorities.
    public let timestampAuthorities: [Authority]

    /// The transparency log with ID `logID`.
    public func transparencyLog(id logID: [UInt8]) -> LogInstance? {
        transparencyLogs.first { $0.logID == logID }
    }
}

extension TrustedRoot {
    /// The media types of trusted roots this reader understands.
    public static let mediaTypes: Set<String> = [
        "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
        "application/vnd.dev.sigstore.trustedroot.v0.1+json",
        "application/vnd.dev.sigstore.trustedroot.v0.2+json",
    ]

    /// Reads a trusted root from its JSON.
    ///
    /// Why a missing `validFor.start` is refused rather than read as "always": a key whose trust has no
    /// beginning would vouch for entries made before the log existed, which is exactly what a stolen or
    /// retired key would be used to forge.
    public init(json bytes: [UInt8], source: String) throws(SigstoreError) {
        let root = try SigstoreJSON.document(bytes, source: source)
        if let mediaType = try root.member("mediaType")?.text(), !Self.mediaTypes.contains(mediaType) {
            throw .invalidTrustedRoot(source: source, reason: "unknown media type '\(mediaType)'")
        }
        self.source = source
        let limit = SigstoreLimits.maxElements
        transparencyLogs = try root.elements("tlogs", limit: limit).map { (node) throws(SigstoreError) in
            try Self.logInstance(node)
        }
        certificateTransparencyLogs = try root.elements("ctlogs", limit: limit).map { (node) throws(SigstoreError) in
            try Self.logInstance(node)
        }
        certificateAuthorities = try root.elements("certificateAuthorities", limit: limit).map {
            (node) throws(SigstoreError) in try Self.authority(node)
        }
        timestampAuthorities = try root.elements("timestampAuthorities", limit: limit).map {
            (node) throws(SigstoreError) in try Self.authority(node)
        }
    }

    /// Reads a trusted root file.
    public init(contentsOf path: String) throws(SigstoreError) {
        try self.init(json: try readFile(path, limit: SigstoreLimits.maxDocumentSize), source: path)
    }

    private static func logInstance(_ node: SigstoreJSON) throws(SigstoreError) -> LogInstance {
        let key = try node.required("publicKey")
        let der = try key.required("rawBytes").base64()
        let publicKey: PublicKey
        do {
            publicKey = try PublicKey(der: der, source: "\(node.source) \(key.path)")
        } catch {
            throw .crypto(source: node.source, error)
        }
        let validFor = try timeRange(try key.required("validFor"))
        let logID = try node.required("logId").required("keyId").base64()
        return LogInstance(baseURL: try node.member("baseUrl")?.text() ?? "", publicKey: publicKey,
                           validFor: validFor, logID: logID)
    }

    private static func authority(_ node: SigstoreJSON) throws(SigstoreError) -> Authority {
        let certificates = try node.required("certChain").elements("certificates", limit: 16)
        guard !certificates.isEmpty else {
            throw .invalidTrustedRoot(source: node.source, reason: "\(node.path).certChain has no certificates")
        }
        var chain: [Certificate] = []
        for certificate in certificates {
            let der = try certificate.required("rawBytes").base64()
            do {
                chain.append(try Certificate(der: der, source: "\(node.source) \(certificate.path)"))
            } catch {
                throw .crypto(source: node.source, error)
            }
        }
        return Authority(uri: try node.member("uri")?.text() ?? "", chain: chain,
                         validFor: try timeRange(try node.required("validFor")))
    }

    private static func timeRange(_ node: SigstoreJSON) throws(SigstoreError) -> TimeRange {
        guard let startNode = try node.member("start") else {
            throw .invalidTrustedRoot(source: node.source, reason: "\(node.path) has no start")
        }
        guard let start = RFC3339.date(try startNode.text()) else { throw startNode.wrongType("an RFC 3339 time") }
        var end: Date?
        if let endNode = try node.member("end") {
            guard let date = RFC3339.date(try endNode.text()) else { throw endNode.wrongType("an RFC 3339 time") }
            end = date
        }
        return TimeRange(start: start, end: end)
    }
}

/// The bytes of a file no larger than `limit`.
func readFile(_ path: String, limit: Int) throws(SigstoreError) -> [UInt8] {
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw .unreadable(source: path, reason: "cannot open the file")
    }
    defer { try? handle.close() }
    // Read one byte past the limit so that an oversized file is refused instead of silently cut.
    let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
    guard data.count <= limit else { throw .documentTooLarge(source: path, size: data.count, limit: limit) }
    return Array(data)
}

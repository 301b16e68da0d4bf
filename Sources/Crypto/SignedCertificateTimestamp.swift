import COpenSSL
import Foundation

/// A signed certificate timestamp (RFC 6962) embedded in a certificate: a CT log's promise to publish the
/// precertificate.
public struct SignedCertificateTimestamp: Sendable, Equatable {
    /// SHA-256 of the log's public key.
    public let logID: [UInt8]
    /// When the log saw the precertificate, in milliseconds since 1970.
    public let timestamp: UInt64
    /// The SCT's extensions field, signed with it (empty in classic CT; Static CT logs put the leaf index here).
    public let extensions: [UInt8]
    /// The log's signature.
    public let signature: [UInt8]

    /// When the log saw the precertificate.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(timestamp) / 1000) }

    /// Whether `logKey` signed this SCT for `certificate`, issued by the holder of `issuerKey`.
    ///
    /// The signed structure is RFC 6962's for a precertificate entry: version, signature type, timestamp,
    /// entry type 1, SHA-256 of the issuer's key, the TBSCertificate without the SCT list, extensions.
    public func isValid(for certificate: Certificate, issuerKey: PublicKey, logKey: PublicKey) -> Bool {
        guard let tbs = try? certificate.precertificateTBS(), tbs.count < 1 << 24, extensions.count < 1 << 16 else {
            return false
        }
        var signed: [UInt8] = [0, 0]
        for shift in stride(from: 56, through: 0, by: -8) {
            signed.append(UInt8(truncatingIfNeeded: timestamp >> shift))
        }
        signed += [0, 1]
        signed += HashAlgorithm.sha256.hash(issuerKey.subjectPublicKeyInfo)
        signed += [UInt8(tbs.count >> 16 & 0xff), UInt8(tbs.count >> 8 & 0xff), UInt8(tbs.count & 0xff)]
        signed += tbs
        signed += [UInt8(extensions.count >> 8), UInt8(extensions.count & 0xff)]
        signed += extensions
        return logKey.isValidSignature(signature, over: signed, hash: .sha256)
    }
}

extension Certificate {
    /// The SCTs in the certificate's embedded SCT list extension; none when it has no such extension.
    /// - Throws: `sctInvalid` when the extension is there but does not parse.
    public func embeddedSCTs() throws(CryptoError) -> [SignedCertificateTimestamp] {
        guard X509_get_ext_by_NID(pointer, NID_ct_precert_scts, -1) >= 0 else { return [] }
        var critical: Int32 = 0
        guard let raw = X509_get_ext_d2i(pointer, NID_ct_precert_scts, &critical, nil) else {
            throw .sctInvalid(subject: describedSubject, reason: OpenSSLErrors.drain("the SCT list does not parse"))
        }
        let list = OpaquePointer(raw)
        defer { SCT_LIST_free(list) }
        var result: [SignedCertificateTimestamp] = []
        for index in 0..<safeguard_sct_list_count(list) {
            guard let sct = safeguard_sct_list_get(list, index) else { continue }
            guard SCT_get_version(sct) == SCT_VERSION_V1 else { continue }
            result.append(SignedCertificateTimestamp(
                logID: Self.copy { SCT_get0_log_id(sct, &$0) }, timestamp: SCT_get_timestamp(sct),
                extensions: Self.copy { SCT_get0_extensions(sct, &$0) },
                signature: Self.copy { SCT_get0_signature(sct, &$0) }))
        }
        return result
    }

    /// The TBSCertificate re-encoded without the SCT list extension: what the CT log signed.
    func precertificateTBS() throws(CryptoError) -> [UInt8] {
        guard let copy = X509_dup(pointer) else {
            throw .sctInvalid(subject: describedSubject, reason: "out of memory")
        }
        defer { X509_free(copy) }
        let index = X509_get_ext_by_NID(copy, NID_ct_precert_scts, -1)
        if index >= 0, let removed = X509_delete_ext(copy, index) { X509_EXTENSION_free(removed) }
        var der: UnsafeMutablePointer<UInt8>?
        let length = i2d_re_X509_tbs(copy, &der)
        guard length > 0, let der else {
            throw .sctInvalid(subject: describedSubject, reason: OpenSSLErrors.drain("cannot re-encode the TBS"))
        }
        defer { safeguard_openssl_free(der) }
        return Array(UnsafeBufferPointer(start: der, count: Int(length)))
    }

    private static func copy(_ get: (inout UnsafeMutablePointer<UInt8>?) -> Int) -> [UInt8] {
        var pointer: UnsafeMutablePointer<UInt8>?
        let length = get(&pointer)
        guard length > 0, let pointer else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: length))
    }
}

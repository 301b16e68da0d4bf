import COpenSSL
import Foundation

/// An X.509 certificate, parsed by OpenSSL and kept with its DER.
public final class Certificate: @unchecked Sendable {
    // Immutable after init; X509 objects may be read from several threads.
    let pointer: OpaquePointer
    /// The certificate as DER, exactly as it was given.
    public let der: [UInt8]

    /// Parses DER; the whole input must be one certificate.
    public init(der: [UInt8], source: String) throws(CryptoError) {
        guard der.count <= CryptoLimits.maxDERSize else {
            throw .inputTooLarge(source: source, size: der.count, limit: CryptoLimits.maxDERSize)
        }
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let cert = d2i_X509(nil, &cursor, buffer.count) else { return nil }
            // Why: trailing bytes after the certificate would be a second reading of the same blob.
            guard cursor == buffer.baseAddress! + buffer.count else {
                X509_free(cert)
                return nil
            }
            return cert
        }
        guard let parsed else {
            throw .malformedCertificate(source: source, reason: OpenSSLErrors.drain("not one DER certificate"))
        }
        pointer = parsed
        self.der = der
    }

    deinit { X509_free(pointer) }

    /// Every `CERTIFICATE` block of PEM text, in order.
    public static func chain(pem: String, source: String) throws(CryptoError) -> [Certificate] {
        let blocks = try PEM.blocks(in: pem, source: source).filter { $0.label == "CERTIFICATE" }
        guard !blocks.isEmpty else { throw .malformedCertificate(source: source, reason: "no CERTIFICATE block") }
        guard blocks.count <= CryptoLimits.maxChainLength else {
            throw .malformedCertificate(source: source, reason: "\(blocks.count) certificates in one chain")
        }
        var chain: [Certificate] = []
        for (index, block) in blocks.enumerated() {
            chain.append(try Certificate(der: block.der, source: "\(source) certificate \(index + 1)"))
        }
        return chain
    }

    /// The subject as an RFC 2253 string (`CN=…,O=…`); empty for Fulcio's subject-less leaves.
    public var subject: String { Self.text(of: X509_get_subject_name(pointer)) }

    /// The issuer as an RFC 2253 string.
    public var issuer: String { Self.text(of: X509_get_issuer_name(pointer)) }

    /// The first instant the certificate is valid.
    public var notBefore: Date { Self.date(X509_get0_notBefore(pointer)) }

    /// The last instant the certificate is valid (inclusive, as RFC 5280 says).
    public var notAfter: Date { Self.date(X509_get0_notAfter(pointer)) }

    /// Whether `date` lies within the validity window, both ends included.
    public func isValid(at date: Date) -> Bool { date >= notBefore && date <= notAfter }

    /// The subject's public key.
    public func publicKey() throws(CryptoError) -> PublicKey {
        guard let key = X509_get_pubkey(pointer) else {
            throw .malformedKey(source: "certificate \(subject)", reason: OpenSSLErrors.drain("no public key"))
        }
        return try PublicKey(taking: key, source: "certificate \(describedSubject)")
    }

    /// The subject, or the first SAN when the subject is empty: a name to put in messages.
    public var describedSubject: String {
        let subject = subject
        if !subject.isEmpty { return subject }
        return subjectAlternativeNames.first.map(\.value) ?? "(no subject)"
    }

    /// The raw value (the extnValue octets) of the extension `oid`, in dotted form; nil when absent.
    public func extensionValue(oid: String) -> [UInt8]? {
        guard let object = OBJ_txt2obj(oid, 1) else { return nil }
        defer { ASN1_OBJECT_free(object) }
        let index = X509_get_ext_by_OBJ(pointer, object, -1)
        guard index >= 0, let ext = X509_get_ext(pointer, index), let data = X509_EXTENSION_get_data(ext) else {
            return nil
        }
        return Self.bytes(of: data)
    }

    /// Whether the certificate's extended key usage allows code signing.
    public var allowsCodeSigning: Bool {
        let usage = X509_get_extended_key_usage(pointer)
        return usage != UInt32.max && usage & UInt32(XKU_CODE_SIGN) != 0
    }

    /// Whether the certificate is a CA (basicConstraints cA true).
    public var isCertificateAuthority: Bool { X509_check_ca(pointer) != 0 }

    /// Whether subject and issuer are the same and the certificate's own key verifies its signature.
    public var isSelfSigned: Bool { X509_check_issued(pointer, pointer) == X509_V_OK }

    static func text(of name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard X509_NAME_print_ex(bio, name, 0, safeguard_xn_flag_rfc2253()) >= 0 else { return "" }
        var data: UnsafeMutablePointer<CChar>?
        let length = safeguard_bio_mem_data(bio, &data)
        guard length > 0, let data else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return .distantPast }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    static func bytes(of string: UnsafePointer<ASN1_STRING>) -> [UInt8] {
        let length = Int(ASN1_STRING_length(string))
        guard length > 0, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }
}

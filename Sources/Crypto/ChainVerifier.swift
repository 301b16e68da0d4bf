import COpenSSL
import Foundation

/// Certificate path validation with OpenSSL's verifier, at a chosen instant rather than now.
public enum ChainVerifier {
    /// Verifies that `leaf` chains through `intermediates` to one of `roots` at `time`, and returns the chain
    /// OpenSSL built, leaf first.
    ///
    /// Why the time is given: a Fulcio certificate lives ten minutes; what matters is that it was valid when the
    /// transparency log or a timestamp authority saw the signature, not today.
    ///
    /// `roots` are trust anchors even when they are not self-signed (Sigstore trusted roots may list a chain that
    /// stops at an intermediate), so partial chains are allowed; untrusted intermediates never anchor a chain.
    /// - Parameter requireCodeSigning: also require the leaf's extended key usage to include code signing.
    public static func verify(_ leaf: Certificate, intermediates: [Certificate], roots: [Certificate], at time: Date,
                              requireCodeSigning: Bool = false) throws(CryptoError) -> [Certificate] {
        let subject = leaf.describedSubject
        guard !roots.isEmpty else { throw .chainInvalid(subject: subject, reason: "no trusted roots") }
        guard intermediates.count + roots.count <= CryptoLimits.maxChainLength * 4 else {
            throw .chainInvalid(subject: subject, reason: "too many certificates")
        }
        guard let store = X509_STORE_new() else { throw .chainInvalid(subject: subject, reason: "out of memory") }
        defer { X509_STORE_free(store) }
        for root in roots { X509_STORE_add_cert(store, root.pointer) }
        let untrusted = safeguard_x509_stack_new()
        defer { safeguard_x509_stack_free(untrusted) }
        for certificate in intermediates { safeguard_x509_stack_push(untrusted, certificate.pointer) }

        guard let context = X509_STORE_CTX_new() else { throw .chainInvalid(subject: subject, reason: "out of memory") }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf.pointer, untrusted) == 1 else {
            throw .chainInvalid(subject: subject, reason: OpenSSLErrors.drain("cannot start verification"))
        }
        let parameters = X509_STORE_CTX_get0_param(context)
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970.rounded(.down)))
        X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_PARTIAL_CHAIN))
        guard X509_verify_cert(context) == 1 else {
            let code = X509_STORE_CTX_get_error(context)
            let reason = String(cString: X509_verify_cert_error_string(Int(code)))
            ERR_clear_error()
            throw .chainInvalid(subject: subject, reason: "\(reason) at \(Self.text(time))")
        }
        if requireCodeSigning, !leaf.allowsCodeSigning {
            throw .chainInvalid(subject: subject, reason: "extended key usage does not include code signing")
        }
        var chain: [Certificate] = []
        if let built = X509_STORE_CTX_get1_chain(context) {
            defer { safeguard_x509_stack_pop_free(built) }
            for index in 0..<safeguard_x509_stack_count(built) {
                let certificate = safeguard_x509_stack_get(built, index)
                var der: UnsafeMutablePointer<UInt8>?
                let length = i2d_X509(certificate, &der)
                guard length > 0, let der else { continue }
                defer { safeguard_openssl_free(der) }
                let bytes = Array(UnsafeBufferPointer(start: der, count: Int(length)))
                if let parsed = try? Certificate(der: bytes, source: "verified chain") { chain.append(parsed) }
            }
        }
        return chain
    }

    static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }
}

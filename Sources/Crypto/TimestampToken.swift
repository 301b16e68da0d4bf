import COpenSSL
import Foundation

/// RFC 3161 timestamp responses: a timestamp authority's signed statement that it saw a hash at a time.
public enum TimestampToken {
    /// Verifies the DER TimeStampResp `response`: status granted, the message imprint equals the hash of
    /// `data`, the signature verifies, and the signer chains to `chain`'s last certificate (leaf first) with
    /// the timestamping key usage, at the time the token itself states. Returns that time.
    ///
    /// Why the chain is checked at the token's own time: a TSA certificate that has since expired still
    /// vouches for what it signed while it was valid; checking against today would reject old signatures.
    public static func verify(response: [UInt8], data: [UInt8], chain: [Certificate], source: String)
        throws(CryptoError) -> Date
    {
        guard response.count <= CryptoLimits.maxTimestampSize else {
            throw .inputTooLarge(source: source, size: response.count, limit: CryptoLimits.maxTimestampSize)
        }
        guard let anchor = chain.last else { throw .timestampInvalid(source: source, reason: "no TSA certificates") }
        let parsed: OpaquePointer? = response.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_TS_RESP(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            throw .timestampInvalid(source: source, reason: OpenSSLErrors.drain("not a DER TimeStampResp"))
        }
        defer { TS_RESP_free(parsed) }
        guard let info = TS_RESP_get_tst_info(parsed), let genTime = TS_TST_INFO_get_time(info) else {
            throw .timestampInvalid(source: source, reason: "the response carries no token")
        }
        let time = Certificate.date(genTime)

        guard let store = X509_STORE_new() else { throw .timestampInvalid(source: source, reason: "out of memory") }
        X509_STORE_add_cert(store, anchor.pointer)
        let parameters = X509_STORE_get0_param(store)
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970))
        X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_PARTIAL_CHAIN))
        let untrusted = safeguard_x509_stack_new()
        for certificate in chain.dropLast() {
            X509_up_ref(certificate.pointer)
            safeguard_x509_stack_push(untrusted, certificate.pointer)
        }
        guard let context = TS_VERIFY_CTX_new() else {
            X509_STORE_free(store)
            safeguard_x509_stack_pop_free(untrusted)
            throw .timestampInvalid(source: source, reason: "out of memory")
        }
        // The context owns the store, the certificates and the data BIO from here on.
        defer { TS_VERIFY_CTX_free(context) }
        TS_VERIFY_CTX_set_store(context, store)
        TS_VERIFY_CTX_set_certs(context, untrusted)
        // A memory BIO holding its own copy of the data, owned by the context.
        guard let bio = BIO_new(BIO_s_mem()) else { throw .timestampInvalid(source: source, reason: "out of memory") }
        TS_VERIFY_CTX_set_data(context, bio)
        let written = data.withUnsafeBytes { BIO_write(bio, $0.baseAddress, Int32($0.count)) }
        guard written == Int32(data.count) || data.isEmpty else {
            throw .timestampInvalid(source: source, reason: "cannot buffer the timestamped data")
        }
        TS_VERIFY_CTX_set_flags(context, safeguard_ts_verify_flags())
        guard TS_RESP_verify_response(context, parsed) == 1 else {
            throw .timestampInvalid(source: source, reason: OpenSSLErrors.drain("verification failed"))
        }
        return time
    }
}

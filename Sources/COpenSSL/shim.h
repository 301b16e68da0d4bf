// OpenSSL headers Safeguard uses: EVP digests for SHA-256/512, EVP MACs for content fingerprints, the random
// generator for their keys, libssl for TLS to registries, and for signatures: keys, X.509 chains, certificate
// transparency SCT lists and RFC 3161 timestamp tokens.
#ifndef SAFEGUARD_COPENSSL_SHIM_H
#define SAFEGUARD_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/ts.h>
#include <openssl/ct.h>
#include <openssl/rsa.h>
#include <openssl/bio.h>

// SSL_set_tlsext_host_name is a macro, which Swift cannot call; this wrapper sets SNI.
static inline int safeguard_ssl_set_sni(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

// SSL_CTX_set_min_proto_version is a macro; the HTTP client refuses anything older than TLS 1.2.
static inline int safeguard_ssl_ctx_set_min_tls12(SSL_CTX *ctx) {
    return (int)SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
}

// SSL_OP_IGNORE_UNEXPECTED_EOF is a macro. With it, a peer closing TCP without close_notify reads as a
// clean end; the HTTP client's Content-Length and chunked framing still detect a truncated body.
static inline void safeguard_ssl_ctx_ignore_unexpected_eof(SSL_CTX *ctx) {
    SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
}

// Stacks, BIO accessors and OPENSSL_free are macros in OpenSSL 3, which Swift cannot call; these wrappers are
// the few the signature code needs.
static inline STACK_OF(X509) *safeguard_x509_stack_new(void) { return sk_X509_new_null(); }
static inline int safeguard_x509_stack_push(STACK_OF(X509) *stack, X509 *cert) { return sk_X509_push(stack, cert); }
static inline void safeguard_x509_stack_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }
static inline void safeguard_x509_stack_pop_free(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }
static inline int safeguard_x509_stack_count(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
static inline X509 *safeguard_x509_stack_get(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

static inline int safeguard_general_names_count(const GENERAL_NAMES *names) { return sk_GENERAL_NAME_num(names); }
static inline void safeguard_general_names_free(GENERAL_NAMES *names) { GENERAL_NAMES_free(names); }
// The name's type (GEN_URI, GEN_EMAIL, ...) and, for string-valued types, its IA5String; NULL for others.
static inline const ASN1_STRING *safeguard_general_name_string(const GENERAL_NAMES *names, int index, int *type) {
    const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, index);
    *type = name->type;
    switch (name->type) {
    case GEN_URI: return name->d.uniformResourceIdentifier;
    case GEN_EMAIL: return name->d.rfc822Name;
    case GEN_DNS: return name->d.dNSName;
    default: return NULL;
    }
}

static inline int safeguard_sct_list_count(const STACK_OF(SCT) *list) { return sk_SCT_num(list); }
static inline SCT *safeguard_sct_list_get(const STACK_OF(SCT) *list, int index) { return sk_SCT_value(list, index); }

static inline long safeguard_bio_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }
// XN_FLAG_RFC2253 combines several macros that Swift does not import.
static inline unsigned long safeguard_xn_flag_rfc2253(void) { return XN_FLAG_RFC2253; }
static inline int safeguard_ts_verify_flags(void) {
    return TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_DATA;
}
static inline void safeguard_openssl_free(void *pointer) { OPENSSL_free(pointer); }

#endif

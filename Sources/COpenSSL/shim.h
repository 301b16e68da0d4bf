// OpenSSL headers Safeguard uses: EVP digests for SHA-256/512, EVP MACs for content fingerprints, the random
// generator for their keys, and libssl for TLS to registries.
#ifndef SAFEGUARD_COPENSSL_SHIM_H
#define SAFEGUARD_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

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

#endif

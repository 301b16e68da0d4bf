// OpenSSL headers Safeguard uses: EVP digests for SHA-256/512 and libssl for TLS to registries.
#ifndef SAFEGUARD_COPENSSL_SHIM_H
#define SAFEGUARD_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

// SSL_set_tlsext_host_name is a macro, which Swift cannot call; this wrapper sets SNI.
static inline int safeguard_ssl_set_sni(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

#endif

/// Sizes this module refuses to go past.
public enum CryptoLimits {
    /// A certificate or key in DER. Fulcio certificates are about 2 KiB and an RSA-8192 key is about 1 KiB;
    /// 64 KiB leaves room for any real one while keeping a hostile blob out of OpenSSL's parsers.
    public static let maxDERSize = 64 * 1024
    /// A PEM file of keys or a certificate chain.
    public static let maxPEMSize = 1024 * 1024
    /// Certificates in one chain; real chains have three or four.
    public static let maxChainLength = 16
    /// An RFC 3161 response with its embedded certificates.
    public static let maxTimestampSize = 256 * 1024
    /// Signatures: an RSA-16384 signature is 2 KiB.
    public static let maxSignatureSize = 4096
}

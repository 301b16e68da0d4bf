import COpenSSL

/// A keyed fingerprint of a file's content, to tell whether two entries of one layer hold the same bytes.
///
/// Why keyed: a plain checksum such as CRC can be forged, so a crafted layer could hold two different files under
/// one path that "look" identical and hide the disagreement between extractors that keep the first or the last
/// copy. Poly1305 under a random key drawn once per process is a universal hash: without the key, which never
/// leaves the process, an archive's author cannot make two different contents collide (probability about
/// 2^-100 per pair). Only the copies of paths written twice with equal size are fingerprinted, on a second pass
/// (see `EntryInspector`). Fingerprints mean nothing across processes and are never reported.
public struct ContentFingerprint: Sendable, Hashable {
    /// The first 16 bytes of the Poly1305 tag, as two words.
    let high: UInt64
    let low: UInt64
}

/// Computes `ContentFingerprint`s; one per layer scanner, reused file after file.
final class ContentFingerprinter {
    /// The process-wide key; see `ContentFingerprint` for why it is random and secret.
    private static let key: [UInt8] = {
        var key = [UInt8](repeating: 0, count: 32)
        guard RAND_bytes(&key, 32) == 1 else { fatalError("OpenSSL could not draw a random fingerprint key") }
        return key
    }()

    private let algorithm: OpaquePointer
    private let context: OpaquePointer

    init() {
        guard let algorithm = EVP_MAC_fetch(nil, "POLY1305", nil), let context = EVP_MAC_CTX_new(algorithm) else {
            fatalError("OpenSSL has no POLY1305 MAC")
        }
        self.algorithm = algorithm
        self.context = context
    }

    deinit {
        EVP_MAC_CTX_free(context)
        EVP_MAC_free(algorithm)
    }

    /// Starts the fingerprint of a new file.
    func start() {
        let started = Self.key.withUnsafeBufferPointer { EVP_MAC_init(context, $0.baseAddress, 32, nil) }
        guard started == 1 else { fatalError("OpenSSL could not start a POLY1305 MAC") }
    }

    /// Adds a chunk of the file's content.
    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_MAC_update(context, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// Finishes the current file's fingerprint.
    func finish() -> ContentFingerprint {
        var tag = [UInt8](repeating: 0, count: 16)
        var length = 0
        EVP_MAC_final(context, &tag, &length, 16)
        let words = tag.withUnsafeBytes { ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                                           $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        return ContentFingerprint(high: words.0, low: words.1)
    }
}

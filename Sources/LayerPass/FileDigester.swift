import COpenSSL

/// Computes `FileDigests` incrementally; one per layer walk, reused file after file, never shared between threads.
final class FileDigester {
    private let contexts: [OpaquePointer]
    private let algorithms: [(DigestAlgorithms, OpaquePointer?)] = [(.md5, EVP_md5()), (.sha1, EVP_sha1()),
                                                                    (.sha256, EVP_sha256())]
    /// The algorithms of the file being digested.
    private var active: DigestAlgorithms = []

    init() {
        contexts = (0..<3).map { _ in
            guard let context = EVP_MD_CTX_new() else { fatalError("OpenSSL could not allocate a digest context") }
            return context
        }
    }

    deinit { for context in contexts { EVP_MD_CTX_free(context) } }

    /// Starts the digests of a new file in `algorithms`.
    func start(_ algorithms: DigestAlgorithms) {
        active = algorithms
        for (context, (algorithm, md)) in zip(contexts, self.algorithms) where algorithms.contains(algorithm) {
            guard EVP_DigestInit_ex(context, md, nil) == 1 else { fatalError("OpenSSL could not start a file digest") }
        }
    }

    /// Adds a chunk of the file's content.
    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        for (context, (algorithm, _)) in zip(contexts, algorithms) where active.contains(algorithm) {
            EVP_DigestUpdate(context, base, bytes.count)
        }
    }

    /// The digests of bytes held whole.
    func digests(of bytes: [UInt8], algorithms: DigestAlgorithms) -> FileDigests {
        start(algorithms)
        bytes.withUnsafeBytes { update($0) }
        return finish()
    }

    /// Finishes the current file's digests.
    func finish() -> FileDigests {
        var digests = FileDigests()
        digests.algorithms = active
        // Each buffer is at least the digest's size; OpenSSL writes exactly that many bytes.
        if active.contains(.md5) { withUnsafeMutableBytes(of: &digests.md5Storage) { finish(0, into: $0) } }
        if active.contains(.sha1) { withUnsafeMutableBytes(of: &digests.sha1Storage) { finish(1, into: $0) } }
        if active.contains(.sha256) { withUnsafeMutableBytes(of: &digests.sha256Storage) { finish(2, into: $0) } }
        return digests
    }

    private func finish(_ index: Int, into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count >= Int(EVP_MD_get_size(algorithms[index].1)), "digest buffer too small")
        var length: UInt32 = 0
        EVP_DigestFinal_ex(contexts[index], buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), &length)
    }
}

/// A connected byte pipe to one server: a plain socket or TLS over one.
protocol Transport: AnyObject {
    /// Reads up to `buffer.count` bytes; 0 only when the peer has closed its side.
    /// - Throws: `HTTPError.timeout` when the peer stays silent past the read timeout.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws
    /// Closes the connection; safe to call more than once.
    func close()
}

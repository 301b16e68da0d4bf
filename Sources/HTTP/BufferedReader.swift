/// Buffers a transport so the head can be read line by line and the body handed out in the caller's chunks.
final class BufferedReader {
    /// The transport, closed by the body once it has been read or abandoned.
    let transport: Transport
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0

    /// Why this size: it holds any status line, header or chunk-size line this client accepts in one piece
    /// (the head budget is larger but is read line by line), and matches typical TLS record sizes.
    static let capacity = 16 * 1024

    init(_ transport: Transport) {
        self.transport = transport
        self.buffer = [UInt8](repeating: 0, count: Self.capacity)
    }

    /// Why a line could not be read.
    enum LineFailure: Error {
        /// The line exceeds the caller's limit; the value is the limit.
        case tooLong(Int)
    }

    /// Reads one line, without its LF or CRLF ending.
    /// - Parameter maxLength: the most bytes the line may hold, ending excluded; at most `capacity - 2`.
    /// - Returns: the line, or nil when the connection closed before a complete line.
    /// - Throws: `LineFailure.tooLong` when no line ending appears within `maxLength` bytes, or transport errors.
    func readLine(maxLength: Int) throws -> [UInt8]? {
        let limit = min(maxLength, Self.capacity - 2)
        var scanned = start
        while true {
            if let newline = buffer[scanned..<end].firstIndex(of: UInt8(ascii: "\n")) {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                guard lineEnd - start <= limit else { throw LineFailure.tooLong(maxLength) }
                let line = Array(buffer[start..<lineEnd])
                start = newline + 1
                return line
            }
            // Why: without a bound, a server sending bytes without a newline would grow this line forever.
            guard end - start <= limit + 1 else { throw LineFailure.tooLong(maxLength) }
            compact()
            scanned = end
            let count = try buffer.withUnsafeMutableBytes {
                try transport.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[end...]))
            }
            if count == 0 { return nil }
            end += count
        }
    }

    /// Reads up to `destination.count` bytes, buffered ones first.
    /// - Returns: 0 only when the connection has closed.
    func read(into destination: UnsafeMutableRawBufferPointer) throws -> Int {
        if start == end {
            // Large reads bypass the buffer so blob bytes are copied once.
            if destination.count >= Self.capacity { return try transport.read(into: destination) }
            start = 0
            end = try buffer.withUnsafeMutableBytes { try transport.read(into: $0) }
            if end == 0 { return 0 }
        }
        let count = min(destination.count, end - start)
        buffer.withUnsafeBytes { source in
            destination.baseAddress!.copyMemory(from: source.baseAddress! + start, byteCount: count)
        }
        start += count
        return count
    }

    /// Moves unread bytes to the front of the buffer so there is room to read more.
    private func compact() {
        guard start > 0 else { return }
        let unread = end - start
        buffer.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: $0.baseAddress! + start, byteCount: unread) }
        start = 0
        end = unread
    }
}

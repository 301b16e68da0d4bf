import ImageModel

/// A response body as a pull-based stream that yields exactly the body's bytes, then 0.
///
/// The connection is closed as soon as the body ends, fails, or the body is closed or released.
/// A body that ends early throws `HTTPError.truncatedBody` instead of returning a short read.
public final class HTTPBody: ByteStream {
    private var reader: BufferedReader?
    private let framing: BodyFraming
    private let url: String
    private var state: State
    /// How many body bytes were handed to the caller so far.
    public private(set) var received: Int64 = 0

    /// Why 4 KiB: a chunk-size line is a hex number and optional extensions; real ones are under 100 bytes.
    static let maxChunkSizeLine = 4 * 1024

    private enum State {
        case inLength(remaining: Int64)
        case chunkSize
        case chunkData(remaining: Int64)
        case chunkEnd
        case untilClose
        case done
    }

    init(reader: BufferedReader, framing: BodyFraming, url: String) {
        self.reader = reader
        self.framing = framing
        self.url = url
        switch framing {
        case .empty: state = .done
        case .length(let length): state = length == 0 ? .done : .inLength(remaining: length)
        case .chunked: state = .chunkSize
        case .untilClose: state = .untilClose
        }
        if case .done = state { close() }
    }

    deinit { close() }

    /// Reads up to `buffer.count` body bytes.
    /// - Returns: the number of bytes read; 0 only after the whole body.
    /// - Throws: `HTTPError.truncatedBody`, `.malformedResponse` for bad chunk framing, `.timeout`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        do {
            let count = try readFramed(into: buffer)
            received += Int64(count)
            if case .done = state { close() }
            return count
        } catch {
            close()
            throw error
        }
    }

    /// Closes the connection; unread bytes are discarded.
    public func close() {
        reader?.transport.close()
        reader = nil
    }

    private func readFramed(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            switch state {
            case .done:
                return 0
            case .untilClose:
                let count = try openReader().read(into: buffer)
                if count == 0 { state = .done }
                return count
            case .inLength(let remaining):
                let count = try readSome(into: buffer, atMost: remaining)
                state = remaining == Int64(count) ? .done : .inLength(remaining: remaining - Int64(count))
                return count
            case .chunkData(let remaining):
                let count = try readSome(into: buffer, atMost: remaining)
                state = remaining == Int64(count) ? .chunkEnd : .chunkData(remaining: remaining - Int64(count))
                return count
            case .chunkSize:
                let size = try readChunkSize()
                if size == 0 {
                    try skipTrailers()
                    state = .done
                } else {
                    state = .chunkData(remaining: size)
                }
            case .chunkEnd:
                let line = try readChunkLine(maxLength: 0)
                guard line.isEmpty else {
                    throw HTTPError.malformedResponse(url: url, reason: "chunk data not followed by CRLF")
                }
                state = .chunkSize
            }
        }
    }

    /// Reads at least one and at most `limit` bytes, or throws if the connection ends first.
    private func readSome(into buffer: UnsafeMutableRawBufferPointer, atMost limit: Int64) throws -> Int {
        let wanted = Int(min(Int64(buffer.count), limit))
        let count = try openReader().read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
        guard count > 0 else { throw truncated() }
        return count
    }

    /// Parses a chunk-size line: hex digits, then optional `;extension` parts that are ignored.
    private func readChunkSize() throws -> Int64 {
        let line = try readChunkLine(maxLength: Self.maxChunkSizeLine)
        let digits = line.prefix { $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        let invalid = HTTPError.malformedResponse(
            url: url, reason: "invalid chunk size '\(ResponseHead.printable(Array(digits)))'")
        guard !digits.isEmpty else { throw invalid }
        var size: Int64 = 0
        for digit in digits {
            guard let value = Self.hexValue(digit) else { throw invalid }
            // Why: a size like ffffffffffffffffff must not wrap around to a small or negative number.
            let (shifted, overflow) = size.multipliedReportingOverflow(by: 16)
            guard !overflow else { throw invalid }
            size = shifted + Int64(value)
        }
        return size
    }

    /// Reads and discards the trailer fields after the last chunk, within the same bounds as a head.
    private func skipTrailers() throws {
        var budget = ResponseHead.Budget(bytes: ResponseHead.maxHeadBytes, lines: ResponseHead.maxHeaderLines)
        do {
            _ = try ResponseHead.readFields(from: openReader(), budget: &budget, url: url)
        } catch HTTPError.connectionLost {
            throw truncated()
        }
    }

    private func readChunkLine(maxLength: Int) throws -> [UInt8] {
        do {
            guard let line = try openReader().readLine(maxLength: maxLength) else { throw truncated() }
            return line
        } catch BufferedReader.LineFailure.tooLong(let limit) {
            throw HTTPError.malformedResponse(url: url, reason: "chunk framing line longer than \(limit) bytes")
        }
    }

    private func openReader() throws -> BufferedReader {
        guard let reader else { throw HTTPError.connectionLost(url: url, reason: "body already closed") }
        return reader
    }

    private func truncated() -> HTTPError {
        if case .length(let length) = framing {
            return .truncatedBody(url: url, expected: length, received: received)
        }
        return .truncatedBody(url: url, expected: nil, received: received)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

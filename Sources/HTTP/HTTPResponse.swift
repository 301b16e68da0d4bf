import Foundation
import ImageModel

/// A response whose head has been read and whose body is still on the wire.
///
/// Not `Sendable`: the body is a live connection read by one consumer. Closing the response, or releasing it,
/// closes the connection.
public final class HTTPResponse {
    /// The status code, e.g. 200.
    public let status: Int
    /// The response header fields.
    public let headers: HTTPHeaders
    /// The URL that answered, after any redirects.
    public let url: URL
    /// The body; reading it to its end releases the connection.
    public let body: HTTPBody

    init(status: Int, headers: HTTPHeaders, url: URL, body: HTTPBody) {
        self.status = status
        self.headers = headers
        self.url = url
        self.body = body
    }

    /// Reads the whole body into memory.
    /// - Parameter limit: the most bytes accepted, so a hostile server cannot make the client allocate without bound.
    /// - Throws: `ByteStreamError.tooLarge` past `limit`, or the body's own errors.
    public func readBody(limit: Int) throws -> [UInt8] {
        var stream = body
        defer { stream.close() }
        return try stream.readAll(limit: limit)
    }

    /// Closes the connection, discarding any unread body.
    public func close() {
        body.close()
    }
}

import Foundation

/// A username and secret for one registry. The secret is never printed, logged or put in an error.
public struct Credentials: Sendable, Equatable, CustomStringConvertible {
    /// The user name; `<token>` marks an identity token in docker's convention.
    public let username: String
    /// The password, token or identity token.
    public let secret: String

    /// Creates credentials.
    public init(username: String, secret: String) {
        self.username = username
        self.secret = secret
    }

    /// Parses `USER:PASSWORD` as `--creds` takes it.
    public init?(colonSeparated text: String) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return nil }
        self.init(username: String(text[..<colon]), secret: String(text[text.index(after: colon)...]))
    }

    /// The `Authorization: Basic` value.
    var basicAuthorization: String { "Basic " + Data("\(username):\(secret)".utf8).base64EncodedString() }

    /// Redacted, so credentials can never leak through string interpolation.
    public var description: String { "\(username):<redacted>" }
}

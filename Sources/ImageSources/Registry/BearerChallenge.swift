/// A `WWW-Authenticate` challenge from a registry (RFC 7235), e.g.
/// `Bearer realm="https://auth.example/token",service="registry",scope="repository:app:pull"`.
struct AuthChallenge: Equatable {
    /// `bearer` or `basic`, lowercased.
    let scheme: String
    /// The auth-params, names lowercased.
    let parameters: [String: String]

    /// The challenge parameters a registry may send; bounded so a hostile header cannot make parsing costly.
    static let maxParameters = 32

    /// Parses the first challenge in a header value; nil when it is not one.
    init?(header: String) {
        var scanner = Substring(header).drop { $0 == " " }
        guard let space = scanner.firstIndex(of: " ") else {
            guard !scanner.isEmpty else { return nil }
            self.scheme = scanner.lowercased()
            self.parameters = [:]
            return
        }
        scheme = scanner[..<space].lowercased()
        scanner = scanner[space...]
        var parameters: [String: String] = [:]
        while parameters.count < Self.maxParameters {
            scanner = scanner.drop { $0 == " " || $0 == "," }
            guard let equals = scanner.firstIndex(of: "=") else { break }
            let name = scanner[..<equals].trimmingCharacters(in: " ").lowercased()
            scanner = scanner[scanner.index(after: equals)...]
            var value = ""
            if scanner.first == "\"" {
                scanner = scanner.dropFirst()
                var escaped = false
                while let character = scanner.first {
                    scanner = scanner.dropFirst()
                    if escaped { value.append(character); escaped = false; continue }
                    if character == "\\" { escaped = true; continue }
                    if character == "\"" { break }
                    value.append(character)
                }
            } else {
                let end = scanner.firstIndex(of: ",") ?? scanner.endIndex
                value = scanner[..<end].trimmingCharacters(in: " ")
                scanner = scanner[end...]
            }
            parameters[name] = value
        }
        self.parameters = parameters
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}

extension SecretMatcher {
    /// A token format: a fixed prefix, then characters from a set, at least `minimum` of them.
    struct TokenFormat: Sendable {
        var name: String
        var prefix: String
        var characters: Set<Character>
        var minimum: Int
        var maximum = 255
    }

    static let alphanumerics = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    static let urlSafe = alphanumerics.union("_-")
    static let base64Characters = alphanumerics.union("+/=")

    /// Token formats with prefixes their issuers chose so that leaks can be found, and their published lengths.
    static let tokenFormats: [TokenFormat] = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"].map {
        TokenFormat(name: "GitHub token", prefix: $0, characters: alphanumerics, minimum: 36, maximum: 40)
    } + [
        TokenFormat(name: "GitHub fine-grained token", prefix: "github_pat_", characters: alphanumerics.union("_"),
                    minimum: 40),
        TokenFormat(name: "GitLab token", prefix: "glpat-", characters: urlSafe, minimum: 20),
        TokenFormat(name: "npm token", prefix: "npm_", characters: alphanumerics, minimum: 36, maximum: 36),
        TokenFormat(name: "PyPI token", prefix: "pypi-AgEIcHlwaS5vcmc", characters: urlSafe, minimum: 50),
    ] + ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"].map {
        TokenFormat(name: "Slack token", prefix: $0, characters: alphanumerics.union("-"), minimum: 20)
    }

    /// Tokens in `text`: each prefix not glued to a preceding letter or digit, followed by enough characters.
    static func tokens(in text: String) -> [(format: TokenFormat, value: String)] {
        var found: [(TokenFormat, String)] = []
        for format in tokenFormats {
            var rest = text[...]
            while let range = rest.range(of: format.prefix) {
                defer { rest = rest[range.upperBound...] }
                let glued = range.lowerBound > text.startIndex
                    && alphanumerics.contains(text[text.index(before: range.lowerBound)])
                if glued { continue }
                let body = rest[range.upperBound...].prefix { format.characters.contains($0) }
                guard body.count >= format.minimum, body.count <= format.maximum,
                      !isPlaceholder(String(body)) else { continue }
                found.append((format, format.prefix + body))
            }
        }
        return found
    }

    /// An AWS access key ID: `AKIA` (long-term) or `ASIA` (temporary) and 16 upper-case letters or digits.
    static func awsAccessKeyID(in text: String) -> String? {
        for prefix in ["AKIA", "ASIA"] {
            var rest = text[...]
            while let range = rest.range(of: prefix) {
                defer { rest = rest[range.upperBound...] }
                let body = rest[range.upperBound...].prefix { $0.isASCII && ($0.isUppercase || $0.isNumber) }
                let glued = range.lowerBound > text.startIndex
                    && alphanumerics.contains(text[text.index(before: range.lowerBound)])
                if body.count == 16, !glued, !isPlaceholder(prefix + body) { return prefix + body }
            }
        }
        return nil
    }

    /// Values that documentation and templates use in place of a secret: AWS's published example keys, runs of
    /// one character, and words that say so. Reporting them would teach users to ignore the rule.
    static func isPlaceholder(_ value: String) -> Bool {
        let lowered = value.lowercased()
        if ["example", "xxxxxxxx", "placeholder", "changeme", "dummy", "redacted", "${", "<"]
            .contains(where: lowered.contains) {
            return true
        }
        return Set(value.dropFirst(4)).count <= 2
    }
}

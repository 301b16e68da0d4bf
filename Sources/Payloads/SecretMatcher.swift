import Foundation

/// Finds secrets in a unit's lines: registry credentials, cloud keys, private keys and tokens.
enum SecretMatcher {
    /// What the layer pass must keep for this matcher.
    static let markers = [
        "akia", "asia", "-----begin", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-",
        "xoxa-", "xoxp-", "xoxr-", "xoxs-", "npm_", "_authtoken", "pypi-ageicHlwaS5vcmc", "\"auth\"", "\"auths\"",
        "\"password\"", "\"identitytoken\"", "private_key", "service_account", "accountkey=", "client_secret",
        "clientsecret", "secret_access_key", "secretaccesskey",
    ]

    static let authsNeedle = NeedleSet(["\"auths\""])
    static let serviceAccountNeedle = NeedleSet(["service_account"])

    /// How AWS's secret access key is named in credential files, env and JSON.
    static let awsSecretKeyNames = ["aws_secret_access_key", "secret_access_key", "secretaccesskey"]

    /// The secrets in `lines`; `path` tells registry credential files, whose `auth` entries are the secret.
    static func matches(in lines: [ContentLine], path: String?) -> [SecretMatch] {
        var found: [SecretMatch] = []
        let isDockerConfig = path.map { $0.hasSuffix(".docker/config.json") || $0.hasSuffix(".dockercfg") } ?? false
        let mentionsAuths = lines.contains { authsNeedle.occurs(in: $0.text) }
        let mentionsServiceAccount = lines.contains { serviceAccountNeedle.occurs(in: $0.text) }
        var accessKeyID: String?
        for (index, line) in lines.enumerated() where needles.occurs(in: line.text) {
            let text = line.text
            let lowered = text.lowercased()
            for (format, value) in tokens(in: text) {
                found.append(SecretMatch(kind: .token, name: format.name, value: value, fragments: [value],
                                         shownPrefix: format.prefix.count, line: line))
            }
            if lowered.contains("_authtoken"), let value = assignedValue(after: "_authtoken", in: text),
               value.count >= 8, !value.hasPrefix("$"), !isPlaceholder(value),
               !found.contains(where: { $0.value.hasSuffix(value) || value.hasSuffix($0.value) }) {
                found.append(SecretMatch(kind: .token, name: "npm _authToken", value: value, fragments: [value],
                                         shownPrefix: 0, line: line))
            }
            if isDockerConfig || mentionsAuths {
                for key in ["\"auth\"", "\"password\"", "\"identitytoken\""] {
                    guard let value = jsonString(after: key, in: text), value.count >= 4, !isPlaceholder(value) else {
                        continue
                    }
                    found.append(SecretMatch(kind: .registryCredential, name: "registry credential",
                                             value: value, fragments: [value], shownPrefix: 0, line: line))
                }
            }
            accessKeyID = accessKeyID ?? awsAccessKeyID(in: text)
            if let key = awsSecretKeyNames.first(where: lowered.contains),
               let value = assignedValue(after: key, in: text, caseInsensitive: true), value.count == 40,
               value.allSatisfy(base64Characters.contains), !isPlaceholder(value) {
                found.append(SecretMatch(kind: .awsKeyPair, name: "AWS secret access key", value: value,
                                         fragments: [value], shownPrefix: 0, line: line))
            }
            if lowered.contains("private_key"), mentionsServiceAccount, text.contains("PRIVATE KEY-----"),
               let value = jsonString(after: "\"private_key\"", in: text) {
                found.append(SecretMatch(kind: .gcpServiceAccount, name: "GCP service-account key", value: value,
                                         fragments: [value], shownPrefix: 0, line: line))
                continue
            }
            found += azureSecrets(in: text, lowered: lowered, line: line)
            if text.contains("-----BEGIN"), text.contains("PRIVATE KEY-----"),
               let key = privateKey(startingAt: index, in: lines) {
                found.append(key)
            }
        }
        // Why: an access key ID alone is not a credential (it is printed in logs and consoles); with the secret
        // key beside it, it is a working one. The ID is redacted wherever it appears all the same.
        if let accessKeyID {
            found = found.map { match in
                guard match.kind == .awsKeyPair else { return match }
                var pair = match
                pair.name = "AWS access key pair"
                pair.fragments.append(accessKeyID)
                return pair
            }
        }
        return found
    }

    /// Azure storage account keys in connection strings, and client secrets given by name.
    private static func azureSecrets(in text: String, lowered: String, line: ContentLine) -> [SecretMatch] {
        var found: [SecretMatch] = []
        if let range = lowered.range(of: "accountkey=") {
            let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
            let value = String(text.dropFirst(offset).prefix { base64Characters.contains($0) })
            if value.count >= 40, !isPlaceholder(value) {
                found.append(SecretMatch(kind: .azure, name: "Azure storage account key", value: value,
                                         fragments: [value], shownPrefix: 0, line: line))
            }
        }
        for key in ["azure_client_secret", "clientsecret"] where lowered.contains(key) {
            guard let value = assignedValue(after: key, in: text, caseInsensitive: true), value.count >= 16,
                  !isPlaceholder(value), value.contains(where: \.isNumber), value.contains(where: \.isLetter),
                  !value.contains("(") else { continue }
            found.append(SecretMatch(kind: .azure, name: "Azure client secret", value: value, fragments: [value],
                                     shownPrefix: 0, line: line))
        }
        return found
    }

    /// A PEM private key whose header is on `lines[index]`: its base64 body on the following lines, or on the
    /// same line after escaped newlines (`\n` in JSON or env). A header alone (a format string in a binary, a
    /// grep pattern in a script) is no key.
    private static func privateKey(startingAt index: Int, in lines: [ContentLine]) -> SecretMatch? {
        let header = lines[index]
        guard let start = header.text.range(of: "-----BEGIN") else { return nil }
        let label = header.text[start.upperBound...].prefix { $0 != "-" }.trimmingSpaces
        var body: [String] = []
        var encrypted = label.contains("ENCRYPTED")
        let inline = header.text[start.lowerBound...].components(separatedBy: "\\n").dropFirst()
        let following = inline.isEmpty ? lines[(index + 1)...].prefix(PayloadLimits.maxKeyBodyLines).map(\.text)
            : Array(inline)
        for text in following {
            if text.contains("-----END") { break }
            if text.contains("Proc-Type: 4,ENCRYPTED") { encrypted = true }
            let trimmed = text.trimmingSpaces
            if trimmed.count >= 16, trimmed.allSatisfy(base64Characters.contains) { body.append(trimmed) }
        }
        guard body.joined().count >= 64 else { return nil }
        return SecretMatch(kind: encrypted ? .encryptedPrivateKey : .privateKey,
                           name: label.isEmpty ? "private key" : label.lowercased(), value: body.joined(),
                           fragments: body, shownPrefix: 0, line: header)
    }

    /// The value after `key` and `=` or `:`, unquoted, up to whitespace, a quote, `;` or `,`.
    static func assignedValue(after key: String, in text: String, caseInsensitive: Bool = true) -> String? {
        let haystack = caseInsensitive ? text.lowercased() : text
        guard let range = haystack.range(of: key) else { return nil }
        let offset = haystack.distance(from: haystack.startIndex, to: range.upperBound)
        var rest = text.dropFirst(offset).drop { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\t" }
        guard let separator = rest.first, separator == "=" || separator == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\t" }
        let value = rest.prefix { !" \t\"';,}".contains($0) }
        return value.isEmpty ? nil : String(value)
    }

    /// The JSON string value after `key` (`"key": "value"`), escapes left as written.
    static func jsonString(after key: String, in text: String) -> String? {
        guard let range = text.range(of: key) else { return nil }
        var rest = text[range.upperBound...].drop { $0 == " " || $0 == "\t" }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
        guard rest.first == "\"" else { return nil }
        var value = ""
        var escaped = false
        for character in rest.dropFirst() {
            if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" {
                return value
            }
            value.append(character)
        }
        return value.isEmpty ? nil : value
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            .reversed())
    }
}

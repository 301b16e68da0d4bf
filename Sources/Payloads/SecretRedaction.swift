import Foundation
import ImageModel

/// Secrets as every output shows them: a type prefix at most and a hash prefix, never the value.
///
/// Why: a report is shared (CI logs, tickets, dashboards); quoting the secret it found would leak it a second
/// time. The hash lets two reports say "the same key" without either holding it.
public enum SecretRedaction {
    /// How many hex digits of the SHA-256 the fingerprint shows: 48 bits tell keys apart in one image and
    /// across reports, yet cannot be reversed or searched for a short secret the way a full hash could.
    static let fingerprintDigits = 12

    /// `value` redacted: its first `shownPrefix` characters (at most 4 beyond a known type prefix), then
    /// `…[sha256:<12 hex>]`.
    public static func redact(_ value: String, shownPrefix: Int = 0) -> String {
        "\(value.prefix(min(shownPrefix, max(0, value.count / 2))))…[sha256:\(fingerprint(value))]"
    }

    /// The first hex digits of the value's SHA-256.
    public static func fingerprint(_ value: String) -> String {
        let digester = Digester()
        Array(value.utf8).withUnsafeBytes { digester.update($0) }
        return String(digester.finalize().encoded.prefix(fingerprintDigits))
    }

    /// `text` with every secret the matcher finds in it replaced by its redaction.
    public static func redactingSecrets(in text: String) -> String { redactingSecrets(in: text, known: []) }

    /// `text` with `known` secrets (found in the whole unit it comes from, where the context that makes them
    /// secrets is: a `"auth"` line is one only in a Docker config) and those the matcher finds in it redacted.
    static func redactingSecrets(in text: String, known: [SecretMatch]) -> String {
        guard !known.isEmpty || SecretMatcher.needles.occurs(in: text) else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ContentLine(number: $0.offset + 1, text: String($0.element)) }
        var redacted = text
        for match in known + SecretMatcher.matches(in: lines, path: nil) {
            for fragment in match.fragments where fragment.count >= 4 {
                redacted = redacted.replacingOccurrences(of: fragment, with: redact(fragment,
                                                                                   shownPrefix: match.shownPrefix))
            }
        }
        return redacted
    }

    /// A line as evidence quotes it: secrets redacted, control characters escaped, cut to `limit` characters.
    ///
    /// Why escape: lines, paths and history come from the image; shown raw, an ESC sequence would drive the
    /// reader's terminal and a newline would forge report lines.
    static func excerpt(_ text: String, limit: Int = PayloadLimits.maxExcerpt, known: [SecretMatch] = []) -> String {
        var safe = ""
        var shown = 0
        for scalar in redactingSecrets(in: text, known: known).unicodeScalars {
            guard shown < limit else { return safe + "…" }
            shown += 1
            if scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) {
                safe += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                safe.unicodeScalars.append(scalar)
            }
        }
        return safe
    }

    /// The config as reports show it: env, labels, entrypoint, cmd and history with secrets redacted.
    public static func redacted(_ config: ImageConfig) -> ImageConfig {
        var config = config
        if var runtime = config.config {
            runtime.env = runtime.env?.map(redactingSecrets)
            runtime.labels = runtime.labels?.mapValues(redactingSecrets)
            runtime.entrypoint = runtime.entrypoint?.map(redactingSecrets)
            runtime.cmd = runtime.cmd?.map(redactingSecrets)
            config.config = runtime
        }
        config.history = config.history?.map { step in
            var step = step
            step.createdBy = step.createdBy.map(redactingSecrets)
            step.comment = step.comment.map(redactingSecrets)
            return step
        }
        return config
    }
}

extension SecretMatcher {
    /// The matcher's markers, to skip texts that cannot hold a secret.
    static let needles = NeedleSet(markers)
}

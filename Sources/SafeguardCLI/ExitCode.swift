/// The process exit statuses, documented in `--help` and the README.
public enum ExitCode: Int32, Sendable {
    /// The command did what was asked, and no finding reached `--fail-on`.
    case success = 0
    /// `scan` found something at or above the `--fail-on` severity; `verify` or `verify-blob` could not verify.
    case findings = 1
    /// The command was called wrongly, or the image could not be read (bad reference, unreachable or
    /// misbehaving registry, corrupt or malformed input).
    case error = 2
}

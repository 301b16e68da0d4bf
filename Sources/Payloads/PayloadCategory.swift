/// The categories of DESIGN.md that this module reports, so that every detector names them the same way.
public enum PayloadCategory {
    /// Cryptocurrency miners: pool URLs, miner markers, pool hosts and ports.
    public static let miner = "payload.miner"
    /// Code that gathers credentials or the environment and sends them out.
    public static let exfiltration = "payload.exfiltration"
    /// Probes of cloud metadata endpoints or host indicators that gate a download or execution.
    public static let environmentGated = "payload.environment-gated"
    /// Preload, cron, systemd, SSH key and shell profile hooks added outside packages.
    public static let persistence = "payload.persistence"
    /// Download-and-run: a fetched or base64-decoded script piped to an interpreter.
    public static let remoteExec = "payload.remote-exec"
    /// Registry credentials, cloud keys, private keys and tokens.
    public static let secret = "secret"
}

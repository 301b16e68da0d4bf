extension AdvisoryDatabase {
    /// The environment variable that names the database file.
    public static let environmentVariable = "SAFEGUARD_DB"

    /// Where the database lives unless `--db` says otherwise: `$SAFEGUARD_DB`, else the XDG cache directory
    /// (`$XDG_CACHE_HOME/safeguard/advisories.db`, `~/.cache/safeguard/advisories.db` by default).
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment[environmentVariable], !path.isEmpty { return path }
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/safeguard/advisories.db" }
        return (environment["HOME"] ?? "/root") + "/.cache/safeguard/advisories.db"
    }
}

import LayerPass

/// Which files the detectors read, judged by path and mode before any byte is read.
enum PayloadPaths {
    /// Script and configuration extensions whose files are searched for markers when under the text size bound.
    static let textExtensions: Set<String> = [
        "sh", "bash", "zsh", "ksh", "py", "pl", "pm", "rb", "js", "mjs", "cjs", "ts", "php", "ps1", "env", "json",
        "yaml", "yml", "conf", "cfg", "ini", "toml", "properties", "service", "timer", "pem", "key", "npmrc",
        "pypirc", "netrc", "dockercfg", "git-credentials",
    ]
    /// File names that hold credentials or keys whatever their extension.
    static let credentialNames: Set<String> = [
        "credentials", "config.json", ".dockercfg", ".npmrc", ".pypirc", ".netrc", ".git-credentials", ".env",
        "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".bash_history", ".ash_history",
    ]
    /// Shell start-up files: a line added to one runs in every login or interactive shell.
    static let profileNames: Set<String> = [
        ".bashrc", ".profile", ".bash_profile", ".bash_login", ".zshrc", ".zprofile", ".kshrc", ".cshrc",
    ]
    /// Directories of systemd units, system and user.
    static let unitDirectories = [
        "etc/systemd/system/", "lib/systemd/system/", "usr/lib/systemd/system/", "etc/systemd/user/",
        "usr/lib/systemd/user/",
    ]

    /// What kind of persistence hook a path is, if it is one.
    enum Hook: String, Sendable {
        case preload, cron, systemd, authorizedKeys, profile
    }

    /// The hook `path` would be, read whole by the detectors whatever it holds.
    static func hook(_ path: String) -> Hook? {
        let name = lastComponent(path)
        if path == "etc/ld.so.preload" { return .preload }
        let inCronDirectory = path.hasPrefix("etc/cron.") && path.dropFirst("etc/cron.".count).contains("/")
        if path == "etc/crontab" || inCronDirectory && name != ".placeholder" || path.hasPrefix("var/spool/cron/") {
            return .cron
        }
        if unitDirectories.contains(where: path.hasPrefix), name.contains(".") { return .systemd }
        if name == "authorized_keys" || name == "authorized_keys2" { return .authorizedKeys }
        if path == "etc/profile" || path == "etc/bash.bashrc" || path == "etc/environment"
            || path.hasPrefix("etc/profile.d/") || profileNames.contains(String(name)) {
            return .profile
        }
        return nil
    }

    /// Whether the detectors read the whole file: persistence hooks and credential files, which are small and
    /// whose every line matters.
    static func isReadWhole(_ entry: FileEntry) -> Bool {
        entry.kind == .file && entry.size <= PayloadLimits.maxTextFileSize
            && (hook(entry.path) != nil || isCredentialFile(entry.path))
    }

    /// Whether the detectors search the file for markers: executables, scripts and configuration.
    static func isSearched(_ entry: FileEntry) -> Bool {
        guard entry.kind == .file else { return false }
        if entry.mode & 0o111 != 0 { return entry.size <= PayloadLimits.maxExecutableSize }
        guard entry.size <= PayloadLimits.maxTextFileSize else { return false }
        let name = lastComponent(entry.path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else {
            return credentialNames.contains(String(name))
        }
        return textExtensions.contains(String(name[name.utf8.index(after: dot)...]).lowercased())
            || credentialNames.contains(String(name))
    }

    /// The last component of a root-relative path, without splitting the whole path (this runs for every entry).
    static func lastComponent(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[...] }
        return path[path.utf8.index(after: slash)...]
    }

    /// Credential files by name: Docker, npm, PyPI, netrc, git, AWS, SSH private keys, shell history.
    static func isCredentialFile(_ path: String) -> Bool {
        let name = lastComponent(path)
        if name == "config.json" { return path.hasSuffix(".docker/config.json") }
        if name == "credentials" { return path.hasSuffix(".aws/credentials") }
        return credentialNames.contains(String(name))
    }
}

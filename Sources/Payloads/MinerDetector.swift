import Findings

/// `payload.miner`: mining pool URLs, miner markers, and known pool hosts or pool-like hosts on pool ports.
enum MinerDetector {
    /// Stratum, the mining pool protocol, in the URL schemes miners take (`stratum+tcp://pool:3333`).
    static let poolSchemes = ["stratum+tcp://", "stratum+ssl://", "stratum+tls://", "stratum1+tcp://",
                              "stratum2+tcp://", "stratum2+ssl://"]
    /// Words only miners use: XMRig by name, its RandomX algorithm, and its `--donate-level` option.
    static let minerWords = ["xmrig", "randomx", "cpuminer", "minerd", "nicehash", "xmr-stak"]
    static let minerOptions = ["--donate-level", "--cpu-max-threads-hint", "\"donate-level\""]
    /// Public pools that miners in malicious images have pointed at.
    static let poolHosts = [
        "minexmr.com", "supportxmr.com", "xmrpool.eu", "nanopool.org", "2miners.com", "f2pool.com",
        "hashvault.pro", "moneroocean.stream", "c3pool.com", "herominers.com", "minergate.com", "nicehash.com",
        "ethermine.org", "monerohash.com", "xmrfast.com", "dwarfpool.com", "unmineable.com", "kryptex.network",
    ]
    /// Ports pools listen on by convention; alone they mean nothing, so a host on one must also look like a pool.
    static let poolPorts = [":3333", ":4444", ":5555", ":7777", ":14444", ":14433", ":45700", ":10128", ":20128"]
    static let poolishHostWords = ["pool", "xmr", "monero", "mining", "miner", "hash"]

    /// What the layer pass must keep for this detector.
    static let markers = poolSchemes.map { String($0.prefix(8)) } + minerWords + minerOptions + poolHosts + poolPorts
    static let needles = NeedleSet(markers)

    static func findings(_ unit: ContentUnit) -> [Finding] {
        var pool: (ContentLine, String)?
        var marker: (ContentLine, String)?
        var host: (ContentLine, String)?
        for line in unit.lines where needles.occurs(in: line.text) {
            let text = line.text.lowercased()
            if pool == nil, let scheme = LineText.first(of: poolSchemes, in: text) { pool = (line, scheme) }
            if marker == nil, let word = LineText.firstWord(of: minerWords, in: text)
                ?? LineText.first(of: minerOptions, in: text) {
                marker = (line, word)
            }
            if host == nil, let name = poolHost(in: text) { host = (line, name) }
        }
        var findings: [Finding] = []
        if let (line, scheme) = pool {
            findings.append(finding(unit, line, "SG-MINER-001", .critical,
                                    "Mining pool URL (\(scheme)) in \(unit.place)",
                                    "Stratum is the protocol miners use to take work from a pool; an image that "
                                        + "connects to one is mining on the host that runs it.", ["scheme": scheme]))
        }
        if let (line, word) = marker {
            findings.append(finding(unit, line, "SG-MINER-002", .high, "Miner marker '\(word)' in \(unit.place)",
                                    "Only cryptocurrency miners (XMRig and its kin) carry this name or option.",
                                    ["marker": word]))
        }
        if let (line, name) = host {
            findings.append(finding(unit, line, "SG-MINER-003", .high, "Mining pool host \(name) in \(unit.place)",
                                    "The host is a public mining pool or a pool-like name on a port pools use.",
                                    ["host": name]))
        }
        return findings
    }

    /// A known pool host, or a `host:port` whose host looks like a pool and whose port pools use.
    static func poolHost(in text: String) -> String? {
        if let known = poolHosts.first(where: { text.contains($0) }) { return known }
        for port in poolPorts {
            guard let range = text.range(of: port) else { continue }
            let after = text[range.upperBound...].first
            guard after == nil || !(after!.isNumber) else { continue }
            let host = text[..<range.lowerBound].reversed()
                .prefix { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
            let name = String(host.reversed())
            if name.contains("."), poolishHostWords.contains(where: name.contains) { return name + port }
        }
        return nil
    }

    private static func finding(_ unit: ContentUnit, _ line: ContentLine, _ rule: String, _ severity: Severity,
                                _ title: String, _ detail: String, _ facts: [String: String]) -> Finding {
        Finding(category: PayloadCategory.miner, ruleID: rule, severity: severity, title: title, detail: detail,
                evidence: unit.evidence(line: line, facts: facts))
    }
}

import Findings

/// `payload.remote-exec`: a script fetched from the network, or decoded from base64, and run by an interpreter,
/// whatever the builder or the container would fetch at that moment.
enum RemoteExecDetector {
    static let fetchers: Set<String> = ["curl", "wget", "fetch"]
    static let interpreters: Set<String> = [
        "sh", "bash", "zsh", "dash", "ash", "ksh", "python", "python2", "python3", "perl", "ruby", "node", "php",
    ]
    /// Download fed to a shell without a pipe: process substitution and command substitution run by a shell.
    static let substitutions = ["<(curl", "<(wget", "< <(curl", "< <(wget"]
    static let commandSubstitutions = ["$(curl", "$(wget", "`curl", "`wget"]
    static let substitutionRunners = ["sh -c", "bash -c", "eval", "source"]
    /// Interpreters' own download-and-run and decode-and-run idioms.
    static let downloadExec = ["exec(urllib.request.urlopen(", "exec(requests.get(", "exec(urlopen(",
                               "eval(file_get_contents('http", "iex(new-object net.webclient)"]
    static let decodeExec = ["exec(base64.b64decode(", "exec(__import__('base64')", "eval(base64_decode(",
                             "exec(zlib.decompress(base64.", "eval(base64.b64decode(", "eval(atob("]

    /// What the layer pass must keep for this detector. `base64` alone is left out: Python and Perl import
    /// their base64 modules everywhere; the command with options (`base64 -d`, `base64 -w0 -d`) is what counts.
    static let markers = ["curl", "wget", "base64 -", "b64decode(", "base64_decode(", "openssl enc -d", "atob(",
                          "net.webclient", "urlopen(", "requests.get("]
    static let needles = NeedleSet(markers)

    static func findings(_ unit: ContentUnit) -> [Finding] {
        for line in unit.lines where needles.occurs(in: line.text) {
            let text = line.text.lowercased()
            if let how = downloadRun(text) {
                let severity: Severity = isHistory(unit) && text.contains("https://") && !containsIPHost(text)
                    ? .medium : .high
                return [Finding(category: PayloadCategory.remoteExec, ruleID: "SG-REXEC-001", severity: severity,
                                title: "Download-and-run (\(how)) in \(unit.place)",
                                detail: "Whatever the server sends when this runs is executed unreviewed: the "
                                    + "image's behaviour is decided outside it, by whoever controls that URL.",
                                evidence: unit.evidence(line: line, facts: ["pattern": how]))]
            }
            if let how = decodeRun(text) {
                return [Finding(category: PayloadCategory.remoteExec, ruleID: "SG-REXEC-002", severity: .high,
                                title: "Base64-decoded script run (\(how)) in \(unit.place)",
                                detail: "Encoding a script and running the decoded text hides what runs from review "
                                    + "and from scanners; the decoded text is checked again for payloads.",
                                evidence: unit.evidence(line: line, facts: ["pattern": how]))]
            }
        }
        return []
    }

    /// How `text` runs a download, if it does: a pipe into an interpreter, or a substitution a shell runs.
    static func downloadRun(_ text: String) -> String? {
        for stages in LineText.pipelines(text) where stages.count >= 2 {
            guard let fetch = stages.dropLast().firstIndex(where: { fetchers.contains(LineText.commandWord($0) ?? "") })
            else { continue }
            let runners = stages[(fetch + 1)...].compactMap(LineText.commandWord)
            if let runner = runners.first(where: interpreters.contains) {
                return "\(LineText.commandWord(stages[fetch])!) | \(runner)"
            }
        }
        if let substitution = substitutions.first(where: text.contains) { return substitution }
        if let substitution = commandSubstitutions.first(where: text.contains),
           let runner = substitutionRunners.first(where: { LineText.containsWord($0, in: text) || text.contains($0) }) {
            return "\(runner) \(substitution)"
        }
        return downloadExec.first(where: text.contains)
    }

    /// How `text` runs decoded base64, if it does: `base64 -d` piped into an interpreter, or an idiom.
    static func decodeRun(_ text: String) -> String? {
        for stages in LineText.pipelines(text) where stages.count >= 2 {
            guard let decode = stages.dropLast().firstIndex(where: isBase64Decode) else { continue }
            let runners = stages[(decode + 1)...].compactMap(LineText.commandWord)
            if let runner = runners.first(where: interpreters.contains) {
                return "base64 -d | \(runner)"
            }
        }
        return decodeExec.first(where: text.contains)
    }

    private static func isBase64Decode(_ stage: Substring) -> Bool {
        let word = LineText.commandWord(stage)
        let decodes = stage.contains(" -d") || stage.contains("--decode") || stage.contains(" -D")
        return (word == "base64" || word == "openssl" && stage.contains("base64")) && decodes
    }

    private static func isHistory(_ unit: ContentUnit) -> Bool {
        if case .history = unit.origin { return true }
        return false
    }

    /// Whether a URL in `text` names its host by IPv4 address, as droppers do to avoid DNS.
    private static func containsIPHost(_ text: String) -> Bool {
        for scheme in ["http://", "https://"] {
            var rest = text[...]
            while let range = rest.range(of: scheme) {
                let host = rest[range.upperBound...].prefix { $0 != "/" && $0 != ":" && $0 != " " }
                if !host.isEmpty, host.allSatisfy({ $0.isNumber || $0 == "." }) { return true }
                rest = rest[range.upperBound...]
            }
        }
        return false
    }
}

import Findings

/// `payload.exfiltration`: code that gathers credentials or the whole environment and, within a few lines, sends
/// data out. Either alone is ordinary (scripts read `.docker/config.json`, clients post requests); together in one
/// script or build step they are how stolen secrets leave.
enum ExfiltrationDetector {
    /// What gathering looks like: the whole environment, or a file that holds credentials.
    static let gatherMarkers = [
        "printenv", "/proc/self/environ", "/proc/1/environ", "/environ", ".aws/credentials", ".docker/config.json",
        "serviceaccount/token", "dict(os.environ", "os.environ.copy()", "os.environ.items()", "str(os.environ",
        "json.dumps(os.environ", "json.stringify(process.env", "(process.env)", "...process.env", "$(env)", "`env`",
        ".ssh/id_rsa", ".ssh/id_ed25519", ".kube/config", ".git-credentials", "/etc/shadow", ".npmrc", ".pypirc",
    ]
    /// `env` run alone, as a pipeline's first stage or redirected: the whole environment.
    static let environmentCommands = ["env |", "env|", "env >", "env>", "set |"]
    /// What sending looks like.
    static let senders = ["curl", "wget", "nc", "ncat", "netcat", "socat"]
    static let senderMarkers = [
        "/dev/tcp/", "/dev/udp/", "requests.post(", "requests.put(", "urlopen(", "http.request(", "https.request(",
        "axios.post(", "->post(", "io::socket::inet", "socket.connect(", "sendto(", "xmlhttprequest",
    ]
    /// Options that make curl or wget send data rather than only fetch.
    static let uploadOptions = [
        " -d ", " -d@", " -d\"", " -d'", "--data", "--form", "--upload-file", " -x post", "-xpost",
        "--post-data", "--post-file", "--body-data", "--body-file", "--method=post", "--method post",
    ]

    /// What the layer pass must keep for this detector.
    static let markers = gatherMarkers + environmentCommands + senderMarkers
        + ["curl", "wget", " nc ", "\nnc ", "|nc ", "(nc ", "ncat", "netcat", "socat", "%env"]
    static let needles = NeedleSet(markers)

    static func findings(_ unit: ContentUnit) -> [Finding] {
        guard !unit.isBinary else { return [] }
        let candidates = unit.lines.filter { needles.occurs(in: " " + $0.text) }
            .map { ($0, " " + $0.text.lowercased() + " ") }
        // Gathering is rare and cheap to tell; sending is common and costlier, so it is read only when needed.
        let gathers = candidates.compactMap { line, text in gathered(text).map { (line, $0) } }
        guard !gathers.isEmpty else { return [] }
        let sends = candidates.compactMap { line, text in sent(text, original: line.text).map { (line, $0) } }
        for (sendLine, how) in sends {
            guard let (gatherLine, what) = gathers.first(where: { isNear($0.0, sendLine, in: unit) }) else { continue }
            return [Finding(
                category: PayloadCategory.exfiltration, ruleID: "SG-EXFIL-001", severity: .critical,
                title: "Gathers \(what) and sends it out (\(how)) in \(unit.place)",
                detail: "Collecting credentials or the whole environment and sending data out a few lines later is "
                    + "how secrets injected at run time (cloud keys, registry auth, service-account tokens) are "
                    + "stolen.",
                evidence: unit.evidence(line: sendLine, facts: ["gathers": what, "gatherLine": "\(gatherLine.number)",
                                                               "sendsWith": how]))]
        }
        return []
    }

    static func gathered(_ text: String) -> String? {
        if let marker = gatherMarkers.first(where: text.contains) { return marker }
        if let command = environmentCommands.first(where: { text.contains(" " + $0) || text.contains("(" + $0) }) {
            return command
        }
        // Perl's whole environment hash; `%ENV{` would be one variable.
        if text.contains("%env"), !text.contains("%env{") { return "%ENV" }
        return nil
    }

    /// How `text` (lowercased; `original` as written, since curl's `-F` and `-T` differ from `-f` and `-t`) sends.
    static func sent(_ text: String, original: String) -> String? {
        if let marker = senderMarkers.first(where: text.contains) { return marker }
        if let tool = ["curl", "wget"].first(where: { LineText.containsWord($0, in: text) }) {
            if let option = uploadOptions.first(where: text.contains) { return "\(tool)\(option)" }
            if tool == "curl", let option = [" -F ", " -T "].first(where: original.contains) { return "curl\(option)" }
        }
        return ["nc", "ncat", "netcat", "socat"].first { tool in
            LineText.pipelines(text).joined().contains { LineText.commandWord($0) == tool }
        }
    }

    /// Whether two lines are one program's: any two in a history step or config field, close in a file.
    static func isNear(_ first: ContentLine, _ second: ContentLine, in unit: ContentUnit) -> Bool {
        guard case .file = unit.origin else { return true }
        return abs(first.number - second.number) <= PayloadLimits.maxLinkDistance
    }
}

import Findings

/// `payload.environment-gated`: a probe of a cloud metadata endpoint, or a check of host indicators, that
/// decides whether something is downloaded or run. Payloads do this to stay quiet in sandboxes and scanners and
/// wake only on a real cloud host, where the metadata service also hands out credentials.
enum EnvironmentGateDetector {
    /// Cloud instance metadata services: AWS, GCP, Alibaba, AWS ECS task metadata, AWS IPv6; Azure shares AWS's
    /// address and is told by its `Metadata: true` header.
    static let metadataEndpoints = [
        "169.254.169.254", "metadata.google.internal", "100.100.100.200", "169.254.170.2", "fd00:ec2::254",
    ]
    /// Signs of running in a container or a particular host, which a gate compares.
    static let hostIndicators = [
        "/.dockerenv", "/proc/1/cgroup", "kubepods", "kubernetes_service_host", "$(nproc)", "`nproc`",
        "/proc/cpuinfo", "$(hostname)", "`hostname`", "/sys/class/dmi/id/product_name",
    ]
    /// What a gate may unlock: a download, making a file executable, or running something.
    static let actions = [
        "curl ", "wget ", "chmod +x", "| sh", "|sh", "| bash", "|bash", "nohup ", "exec ", "python -c", "python3 -c",
        "base64 -d", "urlopen(", "requests.get(", "os.system(", "subprocess.", "eval ", "./",
    ]
    static let conditionals = ["if ", "[ ", "[[ ", "test ", "&&", "||", "case ", "if(", "while "]

    /// What the layer pass must keep for this detector.
    static let markers = metadataEndpoints + hostIndicators + ["curl", "wget", "chmod +x", "nohup", "os.system(",
                                                              "subprocess."]
    static let probes = NeedleSet(metadataEndpoints + hostIndicators)

    static func findings(_ unit: ContentUnit) -> [Finding] {
        guard !unit.isBinary else { return [] }
        guard unit.lines.contains(where: { probes.occurs(in: $0.text) }) else { return [] }
        let lines = unit.lines.map { ($0, $0.text.lowercased()) }
        for (line, text) in lines {
            let endpoint = metadataEndpoints.first(where: text.contains)
            let indicator = endpoint == nil ? hostIndicators.first(where: text.contains) : nil
            guard let probe = endpoint ?? indicator else { continue }
            if indicator != nil, !conditionals.contains(where: text.contains) { continue }
            guard let action = gatedAction(after: probe, on: text, line: line, in: lines, unit: unit) else { continue }
            let cloud = endpoint != nil
            return [Finding(
                category: PayloadCategory.environmentGated, ruleID: cloud ? "SG-GATE-001" : "SG-GATE-002",
                severity: cloud ? .high : .medium,
                title: cloud ? "Cloud metadata probe (\(probe)) gates a download or execution in \(unit.place)"
                    : "Host check (\(probe)) gates a download or execution in \(unit.place)",
                detail: cloud ? "Code that asks the instance metadata service before it fetches or runs something "
                    + "wakes only on a real cloud host, where that service also hands out the instance's credentials."
                    : "Code that checks where it runs before it fetches or runs something is hiding from sandboxes "
                        + "and scanners.",
                evidence: unit.evidence(line: line, facts: ["probe": probe, "action": action]))]
        }
        return []
    }

    /// The action the probe on `line` leads to: later on the same line, or on a nearby line.
    private static func gatedAction(after probe: String, on text: String, line: ContentLine,
                                    in lines: [(ContentLine, String)], unit: ContentUnit) -> String? {
        if let range = text.range(of: probe) {
            let rest = text[range.upperBound...]
            // The probe's own `curl` comes before it; an action must follow the probe, past a command separator.
            if let separator = ["&&", "||", ";", "then", "|"].compactMap({ rest.range(of: $0) })
                .min(by: { $0.lowerBound < $1.lowerBound }) {
                let after = String(rest[separator.upperBound...])
                if let action = actions.first(where: after.contains) { return action }
            }
        }
        for (other, otherText) in lines where other != line && ExfiltrationDetector.isNear(other, line, in: unit) {
            guard other.number >= line.number else { continue }
            if metadataEndpoints.contains(where: otherText.contains) { continue }
            if let action = actions.first(where: otherText.contains) { return action }
        }
        return nil
    }
}

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
    /// Python's `subprocess.` and `os.system(` are left out: libraries use them everywhere, and keeping every
    /// such file costs more than the rare gate that runs a program without also fetching it would.
    static let markers = metadataEndpoints + hostIndicators + ["curl", "wget", "chmod +x", "nohup"]
    static let probes = NeedleSet(metadataEndpoints + hostIndicators)

    /// One line as the gate reads it: the probe it makes, if any, and the action it takes, if any.
    private struct ReadLine {
        let line: ContentLine
        let text: String
        let probe: String?
        let isCloudProbe: Bool
        let action: String?
    }

    static func findings(_ unit: ContentUnit) -> [Finding] {
        guard !unit.isBinary, unit.lines.contains(where: { probes.occurs(in: $0.text) }) else { return [] }
        // Each line is read once; pairing probes with nearby actions then compares what was read.
        let lines = unit.lines.map { line in
            let text = line.text.lowercased()
            let endpoint = metadataEndpoints.first(where: text.contains)
            let indicator = endpoint == nil && conditionals.contains(where: text.contains)
                ? hostIndicators.first(where: text.contains) : nil
            return ReadLine(line: line, text: text, probe: endpoint ?? indicator, isCloudProbe: endpoint != nil,
                            action: endpoint == nil ? actions.first(where: text.contains) : nil)
        }
        for read in lines {
            guard let probe = read.probe, let action = gatedAction(of: read, probe: probe, in: lines, unit: unit)
            else { continue }
            let cloud = read.isCloudProbe
            return [Finding(
                category: PayloadCategory.environmentGated, ruleID: cloud ? "SG-GATE-001" : "SG-GATE-002",
                severity: cloud ? .high : .medium,
                title: cloud ? "Cloud metadata probe (\(probe)) gates a download or execution in \(unit.place)"
                    : "Host check (\(probe)) gates a download or execution in \(unit.place)",
                detail: cloud ? "Code that asks the instance metadata service before it fetches or runs something "
                    + "wakes only on a real cloud host, where that service also hands out the instance's credentials."
                    : "Code that checks where it runs before it fetches or runs something is hiding from sandboxes "
                        + "and scanners.",
                evidence: unit.evidence(line: read.line, facts: ["probe": probe, "action": action]))]
        }
        return []
    }

    /// The action the probe leads to: later on its own line past a command separator, or on a nearby later line
    /// that probes nothing itself.
    private static func gatedAction(of read: ReadLine, probe: String, in lines: [ReadLine],
                                    unit: ContentUnit) -> String? {
        if let range = read.text.range(of: probe) {
            let rest = read.text[range.upperBound...]
            // The probe's own `curl` comes before it; an action must follow the probe, past a command separator.
            if let separator = ["&&", "||", ";", "then", "|"].compactMap({ rest.range(of: $0) })
                .min(by: { $0.lowerBound < $1.lowerBound }) {
                let after = String(rest[separator.upperBound...])
                if let action = actions.first(where: after.contains) { return action }
            }
        }
        return lines.first { other in
            other.line.number > read.line.number && other.probe == nil && other.action != nil
                && ExfiltrationDetector.isNear(other.line, read.line, in: unit)
        }?.action
    }
}

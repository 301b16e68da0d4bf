import Findings
import Vulnerabilities

/// Writes reports as text for people: the image, its layers, then findings grouped by severity.
public struct TableRenderer {
    /// Colours and emphasis.
    public let style: TextStyle
    /// How many characters of a history command to show in a table cell.
    static let commandWidth = 60
    /// How many characters of a finding's title to show; the JSON report has it whole.
    static let titleWidth = 160

    /// Creates a renderer.
    public init(style: TextStyle) { self.style = style }

    /// The `safeguard inspect` view: identity, runtime config and layers.
    public func renderInspect(_ report: ScanReport) -> String {
        var text = imageHeader(report.image)
        text += "\n" + runtimeSection(report.image.config)
        text += "\n" + layerTable(report.layers)
        return text
    }

    /// The `safeguard scan` view: identity, layers, filesystem, findings and a summary line.
    public func renderScan(_ report: ScanReport) -> String {
        var text = imageHeader(report.image)
        text += "\n" + layerTable(report.layers)
        let fs = report.filesystem
        text += "\n\(style.bold("Filesystem")): \(fs.files) files (\(formatBytes(fs.totalFileBytes))), "
            + "\(fs.directories) directories, \(fs.symlinks) symlinks, \(fs.hardlinks) hardlinks, "
            + "\(fs.special) special, \(fs.setuid) setuid, \(fs.setgid) setgid\n"
        // Vulnerabilities get a table of their own; the other findings stay grouped by layer.
        text += "\n" + findingsSection(report.findings.filter { $0.category != VulnerabilityReport.category })
        if let vulnerabilities = report.vulnerabilities { text += "\n" + renderVulnerabilities(vulnerabilities) }
        if let provenance = report.provenance { text += "\n" + renderProvenance(provenance) }
        // Without a catalog or a claim there is nothing to say but that no base was decided; the JSON keeps it.
        if let lineage = report.lineage, lineage.catalog != nil || !lineage.claims.isEmpty {
            text += "\n" + renderLineage(lineage)
        }
        return text
    }

    /// The `scan sbom:FILE` view: the SBOM's distribution and size, then its vulnerabilities.
    public func renderSBOMScan(_ report: SBOMScanReport) -> String {
        var rows: [(String, String)] = [("SBOM", terminalSafe(report.source))]
        if let system = report.operatingSystem {
            rows.append(("Distribution", terminalSafe(system.prettyName ?? system.id + " " + (system.versionID ?? ""))))
        }
        rows.append(("Packages", String(report.packages)))
        return keyValues(rows) + "\n" + renderVulnerabilities(report.vulnerabilities)
    }

    /// Matches (most severe first), then counts of suppressed and unchecked packages with the reasons.
    public func renderVulnerabilities(_ report: VulnerabilityReport) -> String {
        var text = style.bold("Vulnerabilities") + "\n"
        if report.matches.isEmpty {
            text += "No known vulnerabilities.\n"
        } else {
            var table = Table(headers: ["SEVERITY", "ADVISORY", "PACKAGE", "INSTALLED", "FIXED IN", "LAYER"])
            for match in report.matches {
                let cve = match.aliases.first { $0.hasPrefix("CVE-") }
                table.rows.append([style.severity(match.severity),
                                   terminalSafe(match.advisory + (cve.map { " " + $0 } ?? "")),
                                   terminalSafe(match.package), terminalSafe(match.installed),
                                   terminalSafe(match.fixed.first ?? "-"), match.layer.map { String($0) } ?? "-"])
            }
            text += table.render(style: style)
            let counts = Severity.allCases.reversed().compactMap { severity -> String? in
                let count = report.matches.filter { $0.severity == severity }.count
                return count == 0 ? nil : "\(count) \(severity.rawValue)"
            }
            text += "\(report.matches.count) vulnerabilities: \(counts.joined(separator: ", "))\n"
        }
        if !report.suppressed.isEmpty {
            text += "\(report.suppressed.count) suppressed by VEX statements\n"
        }
        if !report.unchecked.isEmpty {
            // Not checked is not safe: say which and why, grouped by reason.
            let reasons = Dictionary(grouping: report.unchecked, by: \.reason)
            text += style.severity(.low) + " \(report.unchecked.count) packages not checked:\n"
            for reason in reasons.keys.sorted() {
                let names = reasons[reason]!.prefix(5).map { terminalSafe($0.package) }.joined(separator: ", ")
                let more = reasons[reason]!.count > 5 ? " and \(reasons[reason]!.count - 5) more" : ""
                text += "  \(terminalSafe(reason)): \(names)\(more)\n"
            }
        }
        return text
    }

    /// The `safeguard sbom` view: identity, distribution, then one row per package with its layers.
    public func renderSBOM(_ report: ScanReport) -> String {
        var text = imageHeader(report.image)
        let sbom = report.sbom
        if let system = sbom?.operatingSystem {
            text += style.bold("Distribution:") + " " + terminalSafe(system.prettyName ?? system.id) + "\n"
        }
        var table = Table(headers: ["NAME", "VERSION", "TYPE", "INTRODUCED", "CHANGED"])
        for package in sbom?.packages ?? [] {
            table.rows.append([terminalSafe(package.name), terminalSafe(package.version), package.type.rawValue,
                               package.introducedLayer.map { "layer \($0)" } ?? "-",
                               package.changedLayer.map { "layer \($0)" } ?? "-"])
        }
        text += "\n" + table.render(style: style)
        text += "\n\(sbom?.packages.count ?? 0) packages\n"
        for warning in sbom?.warnings ?? [] {
            text += style.severity(.low) + " \(warning.cataloger): \(terminalSafe(warning.path)): "
                + terminalSafe(warning.message) + "\n"
        }
        return text
    }

    private func imageHeader(_ image: ImageSummary) -> String {
        var rows: [(String, String)] = [("Image", terminalSafe(image.reference ?? image.location))]
        rows.append(("Digest", image.digest.description))
        if let index = image.indexDigest { rows.append(("Index", index.description)) }
        rows.append(("Platform", image.platform))
        rows.append(("Config", image.configDigest.description))
        if let created = image.created { rows.append(("Created", terminalSafe(created))) }
        return keyValues(rows)
    }

    private func runtimeSection(_ runtime: RuntimeSummary) -> String {
        func list(_ values: [String]?) -> String { terminalSafe((values ?? []).joined(separator: " ")) }
        var rows: [(String, String)] = [
            ("User", terminalSafe(runtime.user.flatMap { $0.isEmpty ? nil : $0 } ?? "root (default)")),
            ("WorkingDir", terminalSafe(runtime.workingDir ?? "")),
            ("Entrypoint", list(runtime.entrypoint)),
            ("Cmd", list(runtime.cmd)),
            ("ExposedPorts", list(runtime.exposedPorts)),
        ]
        if let volumes = runtime.volumes { rows.append(("Volumes", list(volumes))) }
        if let signal = runtime.stopSignal { rows.append(("StopSignal", terminalSafe(signal))) }
        for variable in runtime.env ?? [] { rows.append(("Env", terminalSafe(variable))) }
        for (key, value) in (runtime.labels ?? [:]).sorted(by: { $0.key < $1.key }) {
            rows.append(("Label", terminalSafe("\(key)=\(value)", limit: 200)))
        }
        return keyValues(rows)
    }

    private func layerTable(_ layers: [LayerSummary]) -> String {
        var table = Table(headers: ["#", "DIGEST", "SIZE", "UNPACKED", "ADDED", "CHANGED", "DELETED", "CREATED BY"])
        for layer in layers {
            let digest = layer.verified ? layer.digest.short : style.severity(.critical) + " " + layer.digest.short
            table.rows.append([
                "\(layer.index)", digest, formatBytes(layer.size), formatBytes(layer.uncompressedSize),
                "\(layer.filesAdded)", "\(layer.filesChanged)", "\(layer.filesDeleted)",
                terminalSafe(layer.createdBy ?? "", limit: Self.commandWidth),
            ])
        }
        return table.render(style: style)
    }

    /// Findings grouped by where they are: the image's documents first, then each layer in order.
    private func findingsSection(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "No findings.\n" }
        let groups = Dictionary(grouping: findings) { $0.evidence.layer?.index ?? -1 }
        var text = ""
        for key in groups.keys.sorted() {
            let group = groups[key]!
            if let layer = group[0].evidence.layer {
                text += style.bold("Layer \(layer.index)") + " \(terminalSafe(layer.digest))\n"
            } else {
                text += style.bold("Image") + "\n"
            }
            var table = Table(headers: ["SEVERITY", "CATEGORY", "RULE", "TITLE"])
            for finding in group.sorted(by: { ($0.severity, $1.ruleID) > ($1.severity, $0.ruleID) }) {
                table.rows.append([style.severity(finding.severity), finding.category, finding.ruleID,
                                   terminalSafe(finding.title, limit: Self.titleWidth)])
            }
            text += table.render(style: style) + "\n"
        }
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = findings.filter { $0.severity == severity }.count
            return count == 0 ? nil : "\(count) \(severity.rawValue)"
        }
        return text + "\(findings.count) findings: \(counts.joined(separator: ", "))\n"
    }

    func keyValues(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { key, value in
            style.bold(key + ":") + String(repeating: " ", count: width - key.count + 1) + value
        }.joined(separator: "\n") + "\n"
    }
}

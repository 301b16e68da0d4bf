import Findings
import AdvisoryDatabase
import Foundation
import HTTP
import ImageModel
import ImageSources
import Names
import Lineage
import Report
import SBOM
import SBOMFormats
import Scanner

/// The `safeguard` command line: parses arguments, runs the scan, prints the result.
public enum Command {
    /// Runs the command line and returns the exit status.
    public static func main(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ExitCode
    {
        let terminal = Terminal(environment: environment)
        guard let verb = arguments.first else {
            print(Help.main)
            return .error
        }
        let rest = Array(arguments.dropFirst())
        switch verb {
        case "-h", "--help", "help":
            print(rest.first.flatMap(help(for:)) ?? Help.main)
            return .success
        case "version", "--version":
            print("safeguard \(ImageScan.version)")
            return .success
        case "scan", "inspect", "sbom":
            return run(verb, rest, terminal: terminal, environment: environment)
        case "db":
            return DatabaseCommand.run(rest, terminal: terminal, environment: environment)
        case "verify-blob":
            return VerifyBlobCommand.run(rest, terminal: terminal)
        case "verify":
            return VerifyCommand.run(rest, terminal: terminal, environment: environment)
        case "sign":
            return SignCommand.run(rest, terminal: terminal, environment: environment)
        case "catalog":
            return CatalogCommand.run(rest, terminal: terminal, environment: environment)
        default:
            FileHandle.standardError.write(Data("safeguard: unknown command '\(verb)'; see 'safeguard --help'\n".utf8))
            return .error
        }
    }

    private static func help(for verb: String) -> String? {
        switch verb {
        case "scan": Help.scan
        case "inspect": Help.inspect
        case "sbom": Help.sbom
        case "db": Help.database
        case "verify-blob": VerifyBlobCommand.help
        case "verify": VerifyCommand.help
        case "sign": SignCommand.help
        case "catalog": CatalogCommand.help
        default: nil
        }
    }

    private static func run(_ verb: String, _ arguments: [String], terminal: Terminal,
                            environment: [String: String]) -> ExitCode {
        runOnImage(verb, arguments, help: help(for: verb) ?? Help.main, terminal: terminal,
                   environment: environment) { options, logger in
            if let file = options.sbomFile {
                let report = try VulnerabilityStep.scanSBOM(file, options: options, environment: environment,
                                                            logger: logger)
                let style = TextStyle(colors: options.output == nil && terminal.stdoutColors)
                try write(options.format == .json ? try JSONRenderer.render(report)
                              : TableRenderer(style: style).renderSBOMScan(report), to: options.output)
                return exitStatus(report.highestSeverity, options: options, logger: logger)
            }
            guard var location = options.location else { throw UsageError("missing IMAGE") }
            // Signatures and provenance first, so that the scan reads exactly the digest they were verified for
            // (a tag moved in between cannot swap the image) and the lineage step can use trusted provenance.
            let provenance = verb == "scan" ? try ProvenanceStep.verify(location, options: options, logger: logger)
                : nil
            if let provenance { location = .registry(provenance.pinned) }
            let progress = terminal.stderrIsTerminal && !options.quiet ? ProgressDisplay(logger: logger) : nil
            logger.debug("scanning \(location) for \(options.platform)")

            var scan = ImageScan(location: location, platform: options.platform,
                                 registryOptions: options.registry, concurrency: options.concurrency,
                                 limits: options.limits)
            scan.catalog = try options.catalog.map { path throws(CatalogError) in try BaseCatalog.load(path) }
            // Vetted repositories are the organisation's own choices: the name checks never flag them.
            scan.extraNames = scan.catalog?.repositoryNames ?? []
            scan.fetchBases = options.fetchBases
            // An SBOM needs the packages, not every package file hashed and every executable searched.
            if verb == "sbom" { scan.depth = .packages }
            scan.provenanceBases = provenance?.report.trustedBaseImages ?? []
            // Every base a provenance document names is judged as a name, trusted or not: a look-alike base is
            // worth reporting whoever claims it.
            scan.baseNames = (provenance?.report.attestations ?? []).flatMap { attestation in
                (attestation.provenance?.baseImages ?? []).map {
                    NameCandidate(text: $0, role: .base, configField: "provenance \(attestation.artifact)")
                }
            }
            var events: (@Sendable (ImageScan.Event) -> Void)?
            if let progress { events = { progress.handle($0) } }
            var report = try scan.run(events: events)
            progress?.finish()
            if verb == "scan" {
                try VulnerabilityStep.apply(to: &report, options: options,
                                            subject: subject(of: report, options: options),
                                            environment: environment, logger: logger)
                if let provenance, case .registry(let reference)? = options.location {
                    report.provenance = provenance.report
                    report.findings += provenance.report.findings(reference: reference.description)
                }
                if let matches = report.vulnerabilities?.matches {
                    report.lineage?.splitVulnerabilities(layers: matches.map(\.layer))
                }
            }

            try write(render(report, verb: verb, options: options, terminal: terminal), to: options.output)
            return verb == "scan" ? exitStatus(report.highestSeverity, options: options, logger: logger) : .success
        }
    }

    /// Runs a command over one image: parses `arguments` with `verb`'s options, answers `--help` with `help`, and
    /// runs `body`; usage errors and failures become one message on stderr and exit status 2.
    static func runOnImage(_ verb: String, _ arguments: [String], help: String, terminal: Terminal,
                           environment: [String: String], _ body: (Options, Logger) throws -> ExitCode) -> ExitCode
    {
        var logger = Logger(level: .warning, colors: terminal.stderrColors)
        do {
            let parsed = try Arguments(arguments, spec: Options.spec(verb: verb))
            if parsed.has("--help") {
                print(help)
                return .success
            }
            let options = try Options(parsed, verb: verb, environment: environment)
            logger = Logger(level: options.logLevel, colors: terminal.stderrColors)
            return try body(options, logger)
        } catch let error as UsageError {
            logger.error("\(error.description)\nRun 'safeguard \(verb) --help' for usage.")
            return .error
        } catch {
            logger.error("\(error)")
            return .error
        }
    }

    /// `findings` when a finding reaches `--fail-on`, success otherwise.
    private static func exitStatus(_ highest: Severity?, options: Options, logger: Logger) -> ExitCode {
        guard let threshold = options.failOn, let highest, highest >= threshold else { return .success }
        logger.info("findings at or above \(threshold.rawValue): exiting with \(ExitCode.findings.rawValue)")
        return .findings
    }

    private static func render(_ report: ScanReport, verb: String, options: Options, terminal: Terminal) throws
        -> String
    {
        let style = TextStyle(colors: options.output == nil && terminal.stdoutColors)
        switch (verb, options.format) {
        case ("sbom", .json): return try JSONRenderer.render(report.sbom)
        case ("sbom", .cycloneDXJSON):
            return try CycloneDXWriter.render(report.sbom ?? .empty, subject: subject(of: report, options: options))
        case ("sbom", .spdxJSON):
            return try SPDXWriter.render(report.sbom ?? .empty, subject: subject(of: report, options: options))
        case ("sbom", _): return TableRenderer(style: style).renderSBOM(report)
        case (_, .json): return try JSONRenderer.render(report)
        case ("scan", _): return TableRenderer(style: style).renderScan(report)
        default: return TableRenderer(style: style).renderInspect(report)
        }
    }

    /// What an SBOM document describes: the image as the user named it, pinned to its digest.
    private static func subject(of report: ScanReport, options: Options) -> SBOMSubject {
        var repository: String?
        var tag: String?
        if case .registry(let reference) = options.location {
            repository = reference.name
            tag = reference.tag
        }
        return SBOMSubject(reference: report.image.reference ?? report.image.location, repository: repository, tag: tag,
                           manifestDigest: report.image.digest.description,
                           indexDigest: report.image.indexDigest?.description, platform: report.image.platform,
                           layerDigests: report.layers.map(\.digest.description), toolVersion: ImageScan.version,
                           created: Date())
    }

    /// Writes the result to a file, atomically so that an interrupted run never leaves half a report behind.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw UsageError("cannot write --output \(path): \(error.localizedDescription)")
        }
    }
}

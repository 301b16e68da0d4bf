import AdvisoryDatabase
import Foundation

/// `safeguard db import|update|status`: builds and shows the advisory database.
enum DatabaseCommand {
    static func run(_ arguments: [String], terminal: Terminal, environment: [String: String]) -> ExitCode {
        let logger = Logger(level: .info, colors: terminal.stderrColors)
        guard let action = arguments.first, ["import", "update", "status"].contains(action) else {
            if arguments.first == "--help" || arguments.first == "-h" {
                print(Help.database)
                return .success
            }
            logger.error("expected import, update or status\nRun 'safeguard db --help' for usage.")
            return .error
        }
        do {
            let parsed = try Arguments(Array(arguments.dropFirst()), spec: Arguments.Spec(
                flags: ["--help", "--quiet"], valued: ["--db", "--mirror", "--ecosystem", "--format", "--timeout"],
                repeatable: ["--ecosystem"], aliases: ["-h": "--help", "-q": "--quiet", "-f": "--format"]))
            if parsed.has("--help") {
                print(Help.database)
                return .success
            }
            let path = parsed.value("--db") ?? AdvisoryDatabase.defaultPath(environment: environment)
            let quiet = parsed.has("--quiet")
            switch action {
            case "import":
                guard !parsed.positional.isEmpty else { throw UsageError("db import needs at least one PATH") }
                return try importPaths(parsed.positional, into: path, logger: logger, quiet: quiet)
            case "update":
                guard parsed.positional.isEmpty else { throw UsageError("db update takes no PATH") }
                let ecosystems = parsed.all("--ecosystem").isEmpty
                    ? AdvisoryMirror.defaultEcosystems : parsed.all("--ecosystem")
                let timeout = try parsed.value("--timeout").map { text in
                    guard let seconds = Double(text), seconds > 0 else {
                        throw UsageError("--timeout must be a positive number of seconds, not '\(text)'")
                    }
                    return seconds
                } ?? 60
                return try update(path, mirror: parsed.value("--mirror") ?? AdvisoryMirror.defaultURL,
                                  ecosystems: ecosystems, timeout: timeout, logger: logger, quiet: quiet)
            default:
                guard parsed.positional.isEmpty else { throw UsageError("db status takes no PATH") }
                let format = parsed.value("--format") ?? "table"
                guard format == "table" || format == "json" else {
                    throw UsageError("--format must be table or json, not '\(format)'")
                }
                return try status(path, json: format == "json")
            }
        } catch let error as UsageError {
            logger.error("\(error.description)\nRun 'safeguard db --help' for usage.")
            return .error
        } catch {
            logger.error("\(error)")
            return .error
        }
    }

    /// Imports, reporting each rejected record; the database changes only if the whole import got through.
    static func importPaths(_ paths: [String], into path: String, logger: Logger, quiet: Bool) throws -> ExitCode {
        let writer = try AdvisoryWriter(path: path)
        let outcome: AdvisoryImport.Outcome
        do {
            outcome = try AdvisoryImport.run(paths, into: writer)
            for ecosystem in outcome.ecosystems.sorted() { try writer.recordSource(ecosystem, origin: "import") }
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
        report(outcome, path: path, logger: logger, quiet: quiet)
        return .success
    }

    /// Updates every ecosystem in one change: all or nothing.
    static func update(_ path: String, mirror url: String, ecosystems: [String], timeout: Double, logger: Logger,
                       quiet: Bool) throws -> ExitCode {
        let mirror = try AdvisoryMirror(url: url, timeout: timeout)
        let writer = try AdvisoryWriter(path: path)
        var outcome = AdvisoryImport.Outcome()
        do {
            for ecosystem in ecosystems {
                let result = try mirror.update(ecosystem, writer: writer) { source, member in
                    try AdvisoryImport.add(member, source: source, to: writer, outcome: &outcome)
                }
                if !quiet { logger.info("\(ecosystem): \(describe(result))") }
            }
            try writer.commit()
        } catch {
            writer.abandon()
            logger.error("update failed; the previous database at \(path) is unchanged")
            throw error
        }
        report(outcome, path: path, logger: logger, quiet: quiet)
        return .success
    }

    static func status(_ path: String, json: Bool) throws -> ExitCode {
        let database = try AdvisoryDatabase(readingAt: path)
        let ecosystems = try database.status()
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if json {
            let object: [String: Any] = [
                "path": path, "schemaVersion": AdvisoryDatabase.schemaVersion, "sizeBytes": size,
                "ecosystems": ecosystems.map { status in
                    ["ecosystem": status.ecosystem, "advisories": status.advisories,
                     "updated": status.updated ?? NSNull(), "origin": status.origin ?? NSNull()] as [String: Any]
                },
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return .success
        }
        print("database  \(path)")
        print("schema    \(AdvisoryDatabase.schemaVersion)")
        print("size      \(size / 1024) KiB")
        print("")
        let width = max(9, ecosystems.map(\.ecosystem.count).max() ?? 0)
        print("ECOSYSTEM".padding(toLength: width, withPad: " ", startingAt: 0) + "  ADVISORIES  UPDATED"
              + String(repeating: " ", count: 15) + "  ORIGIN")
        for status in ecosystems {
            print(status.ecosystem.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                  + String(status.advisories).leftPadded(10) + "  "
                  + (status.updated ?? "-").padding(toLength: 20, withPad: " ", startingAt: 0) + "  "
                  + (status.origin ?? "-"))
        }
        return .success
    }

    /// Each rejected record (up to the import's bound), then the counts unless `quiet`.
    private static func report(_ outcome: AdvisoryImport.Outcome, path: String, logger: Logger, quiet: Bool) {
        for rejection in outcome.rejections { logger.warning("rejected \(rejection)") }
        if outcome.rejected > outcome.rejections.count {
            logger.warning("\(outcome.rejected - outcome.rejections.count) more records rejected")
        }
        if !quiet {
            logger.info("\(path): \(outcome.summary.written) records written, \(outcome.summary.unchanged) "
                        + "unchanged, \(outcome.rejected) rejected")
        }
    }

    private static func describe(_ outcome: AdvisoryMirror.Outcome) -> String {
        switch outcome {
        case .unchanged: "unchanged"
        case .incremental(let count): "\(count) changed records fetched"
        case .full: "full export read"
        }
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

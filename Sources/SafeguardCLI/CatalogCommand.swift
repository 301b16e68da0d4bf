import Foundation
import ImageModel
import ImageSources
import Lineage

/// `safeguard catalog add IMAGE --catalog FILE --owner TEAM`: records a vetted base image's digest and layers.
enum CatalogCommand {
    static let help = """
        Usage: safeguard catalog add [OPTIONS] IMAGE --catalog FILE --owner TEAM [--notes TEXT]

        Records IMAGE as a vetted base in the catalog FILE (YAML, or JSON when the file already is JSON or is
        named *.json): its manifest digest and its layers' diff_ids, under its repository. The file is created
        when missing; otherwise the digest is added to the repository's entry, or a new entry to the end, every
        other entry kept as it was. The new file is written beside the old one and renamed over it.
        'safeguard scan --catalog FILE' then decides each image's base against these layers.

        Options:
          --catalog FILE                the catalog to create or add to
          --owner TEAM                  the team answerable for this base
          --notes TEXT                  free text kept with the repository's entry
          --repository NAME             the repository to record it under (required for oci:, oci-archive: and
                                        docker-archive: images, which carry no registry name)
          --platform OS/ARCH[/VARIANT]  platform to pick from a multi-platform image (default: this host's)
          --creds USER:PASSWORD, --authfile FILE, --insecure-registry HOST, --timeout SECONDS
                                        registry access, as for scan
          -q, --quiet                   no diagnostics but errors
          -h, --help                    this help
        """

    static func run(_ arguments: [String], terminal: Terminal, environment: [String: String]) -> ExitCode {
        var logger = Logger(level: .warning, colors: terminal.stderrColors)
        do {
            guard let action = arguments.first, action == "add" || action == "--help" || action == "-h" else {
                throw UsageError("catalog needs an action: 'safeguard catalog add IMAGE --catalog FILE --owner TEAM'")
            }
            let parsed = try Arguments(Array(arguments.dropFirst(action == "add" ? 1 : 0)),
                                       spec: Options.spec(verb: "catalog"))
            if parsed.has("--help") {
                print(help)
                return .success
            }
            let options = try Options(parsed, verb: "catalog", environment: environment)
            logger = Logger(level: options.logLevel, colors: terminal.stderrColors)
            guard let file = options.catalog else { throw UsageError("catalog add needs --catalog FILE") }
            guard let owner = parsed.value("--owner"), !owner.isEmpty else {
                throw UsageError("catalog add needs --owner TEAM")
            }
            let (repository, approved) = try resolve(options, repository: parsed.value("--repository"))
            var catalog = FileManager.default.fileExists(atPath: file) ? try BaseCatalog.load(file)
                : BaseCatalog(file: file, isJSON: file.hasSuffix(".json"))
            try catalog.add(repository: repository, digest: approved, owner: owner, notes: parsed.value("--notes"))
            try catalog.save()
            logger.info("recorded \(repository)@\(approved.digest) (\(approved.diffIDs.count) layers) in \(file)")
            return .success
        } catch let error as UsageError {
            logger.error("\(error.description)\nRun 'safeguard catalog --help' for usage.")
            return .error
        } catch {
            logger.error("\(error)")
            return .error
        }
    }

    /// The repository to record under, and the manifest digest with the config's diff_ids.
    ///
    /// The diff_ids are the config's, not streamed: the manifest digest fixes the config and so the list, and a
    /// scan compares it with diff_ids it computes itself, so a config that lied would only match nothing.
    private static func resolve(_ options: Options, repository: String?) throws
        -> (String, BaseCatalog.ApprovedDigest)
    {
        guard let location = options.location else { throw UsageError("missing IMAGE") }
        var name = repository
        if name == nil, case .registry(let reference) = location { name = reference.name }
        guard let name else {
            throw UsageError("\(location) carries no registry name: give --repository NAME to record it under")
        }
        let source = try openSource(location, options: options.registry)
        let image = try ImageResolver(source: source, platform: options.platform).resolve()
        let diffIDs = image.config.rootfs?.diffIDs ?? []
        guard !diffIDs.isEmpty, diffIDs.count == image.manifest.layers.count else {
            throw UsageError("\(location): its config lists \(diffIDs.count) diff_ids for "
                             + "\(image.manifest.layers.count) layers; it cannot be recognised as a base")
        }
        return (name, BaseCatalog.ApprovedDigest(digest: image.manifestDigest, diffIDs: diffIDs))
    }
}

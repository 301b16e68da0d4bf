import Findings
import ImageModel
import ImageSources
import LayerPass
import SBOM

extension ScanReport {
    /// Assembles the report from a resolved image, its layer results and merged filesystem, and the findings.
    public init(tool: Tool, image: ResolvedImage, layers: [LayerResult], fileSystem: FileSystem,
                privilegedFiles: [FileEntry] = [], sbom: SoftwareBillOfMaterials? = nil, findings: [Finding]) {
        let layerHistory = Self.layerHistoryIndexes(image.config, layerCount: layers.count)
        let history = image.config.history ?? []
        self.init(
            tool: tool,
            image: ImageSummary(image),
            layers: layers.map { layer in
                let statistics = fileSystem.layerStatistics.indices.contains(layer.index)
                    ? fileSystem.layerStatistics[layer.index] : FileSystem.LayerStatistics()
                return LayerSummary(
                    index: layer.index, digest: layer.descriptor.digest, mediaType: layer.descriptor.mediaType,
                    size: layer.descriptor.size, uncompressedSize: layer.uncompressedSize, diffID: layer.computedDiffID,
                    verified: layer.digestMatches && layer.diffIDMatches, filesAdded: statistics.added,
                    filesChanged: statistics.changed, filesDeleted: statistics.deleted,
                    createdBy: layerHistory.flatMap { history[$0[layer.index]].createdBy })
            },
            history: Self.historySteps(history, layerHistory: layerHistory),
            filesystem: FileSystemSummary(fileSystem.summary),
            privilegedFiles: privilegedFiles.map(FileRecord.init),
            sbom: sbom,
            findings: findings.sorted { ($0.severity, $1.ruleID) > ($1.severity, $0.ruleID) })
    }

    /// For each layer, the index of the history entry that made it; nil when the counts disagree, since
    /// pairing them anyway would attribute layers to the wrong build steps.
    static func layerHistoryIndexes(_ config: ImageConfig, layerCount: Int) -> [Int]? {
        let history = config.history ?? []
        let indexes = history.indices.filter { history[$0].emptyLayer != true }
        return indexes.count == layerCount ? indexes : nil
    }

    static func historySteps(_ history: [HistoryEntry], layerHistory: [Int]?) -> [HistoryStep] {
        history.enumerated().map { position, entry in
            HistoryStep(created: entry.created, createdBy: entry.createdBy, comment: entry.comment,
                        emptyLayer: entry.emptyLayer == true, layer: layerHistory?.firstIndex(of: position))
        }
    }
}

extension ImageSummary {
    init(_ image: ResolvedImage) {
        let runtime = image.config.config
        var reference: String?
        if case .registry(let named) = image.location { reference = named.pinned(to: image.manifestDigest).description }
        self.init(
            location: image.location.description, reference: reference, digest: image.manifestDigest,
            indexDigest: image.indexDigest, mediaType: image.manifestMediaType, platform: image.platform.description,
            availablePlatforms: image.availablePlatforms.isEmpty ? nil : image.availablePlatforms.map(\.description),
            configDigest: image.manifest.config.digest, created: image.config.created, author: image.config.author,
            config: RuntimeSummary(
                user: runtime?.user, workingDir: runtime?.workingDir, entrypoint: runtime?.entrypoint,
                cmd: runtime?.cmd, env: runtime?.env, labels: runtime?.labels,
                exposedPorts: runtime?.exposedPorts.map { $0.keys.sorted() },
                volumes: runtime?.volumes.map { $0.keys.sorted() }, stopSignal: runtime?.stopSignal))
    }
}

extension FileSystemSummary {
    init(_ summary: FileSystem.Summary) {
        self.init(files: summary.files, directories: summary.directories, symlinks: summary.symlinks,
                  hardlinks: summary.hardlinks, special: summary.special, totalFileBytes: summary.totalFileBytes,
                  setuid: summary.setuid, setgid: summary.setgid)
    }
}

extension FileRecord {
    init(_ entry: FileEntry) {
        self.init(path: entry.path, mode: String(entry.mode, radix: 8), uid: entry.uid, gid: entry.gid,
                  size: entry.size, layer: entry.layer)
    }
}

import Findings
import ImageModel
import ImageSources
import LayerPass

extension ContentUnit {
    /// The longest history step or config value read as one line: 64 KiB, far above real `RUN` lines, bounds
    /// the work on a config crafted with megabyte-long fields (the config itself may be 16 MiB).
    static let maxConfigText = 64 * 1024

    /// Every text of the image the detectors judge: each kept file of each layer (deleted ones too), each
    /// history step, and the env, labels, entrypoint and cmd of the config.
    static func units(image: ResolvedImage, layers: [LayerResult], fileSystem: FileSystem,
                      extraction: ContentLineExtraction) -> [ContentUnit] {
        var units = configUnits(image.config)
        for layer in layers {
            let reference = LayerReference(index: layer.index, digest: layer.descriptor.digest.description)
            var seen: Set<String> = []
            for case .write(let entry) in layer.changes where entry.kind == .file && seen.insert(entry.path).inserted {
                let final = fileSystem[entry.path]
                let origin = Origin.file(path: entry.path, layer: reference, removedLater: final == nil,
                                         replacedLater: final != nil && final?.layer != layer.index)
                if PayloadPaths.hook(entry.path) != nil, entry.size > PayloadLimits.maxTextFileSize {
                    // Why: padding a hook past the size bound must not hide it; its size alone is reported.
                    let line = ContentLine(number: 0, text: "(\(entry.size) bytes, more than Safeguard reads)")
                    units.append(ContentUnit(origin: origin, lines: [line]))
                    continue
                }
                let whole = PayloadPaths.isReadWhole(entry)
                guard whole || PayloadPaths.isSearched(entry), let bytes = layer.captured[entry.path] else { continue }
                let (lines, binary) = extraction.lines(ofCapture: bytes, keepAll: whole)
                guard !lines.isEmpty else { continue }
                units.append(ContentUnit(origin: origin, lines: lines, isBinary: binary))
            }
        }
        return units
    }

    /// History steps, env, labels, entrypoint and cmd, one unit each (env and labels one unit, a line a value).
    static func configUnits(_ config: ImageConfig) -> [ContentUnit] {
        func line(_ number: Int, _ text: String) -> ContentLine {
            ContentLine(number: number, text: String(text.prefix(maxConfigText)))
        }
        var units: [ContentUnit] = []
        for (index, step) in (config.history ?? []).enumerated() {
            guard let createdBy = step.createdBy, !createdBy.isEmpty else { continue }
            units.append(ContentUnit(origin: .history(index: index, createdBy: createdBy),
                                     lines: [line(1, createdBy)]))
        }
        let runtime = config.config
        if let env = runtime?.env, !env.isEmpty {
            units.append(ContentUnit(origin: .config(field: "config.Env"),
                                     lines: env.enumerated().map { line($0.offset + 1, $0.element) }))
        }
        if let labels = runtime?.labels, !labels.isEmpty {
            let sorted = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            units.append(ContentUnit(origin: .config(field: "config.Labels"),
                                     lines: sorted.enumerated().map { line($0.offset + 1, $0.element) }))
        }
        for (field, words) in [("config.Entrypoint", runtime?.entrypoint), ("config.Cmd", runtime?.cmd)] {
            guard let words, !words.isEmpty else { continue }
            units.append(ContentUnit(origin: .config(field: field), lines: [line(1, words.joined(separator: " "))]))
        }
        return units
    }
}

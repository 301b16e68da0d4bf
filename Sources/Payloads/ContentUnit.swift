import Findings

/// One text the detectors judge as a whole: a file of one layer, a history step, or a config field.
///
/// Detectors that need two things together (gathering and sending, a probe and a download) look for both in
/// one unit, never across units: a history step and an unrelated script are not one program.
struct ContentUnit: Sendable {
    /// Where the text came from.
    enum Origin: Sendable, Hashable {
        /// A file written by a layer; `removedLater` when no later version of it is in the final image.
        case file(path: String, layer: LayerReference, removedLater: Bool, replacedLater: Bool)
        /// A history step's `created_by`, by position in the history.
        case history(index: Int, createdBy: String)
        /// A config field such as `config.Env`, `config.Entrypoint`, `config.Labels`.
        case config(field: String)
    }

    /// Where the text came from.
    var origin: Origin
    /// The lines kept.
    var lines: [ContentLine]
    /// The file's path relative to the root, when the unit is a file.
    var path: String? {
        if case .file(let path, _, _, _) = origin { return path }
        return nil
    }
    /// How the text was reached when it was decoded from base64 found in another unit.
    var decodedFrom: String?
    /// Whether the lines are printable runs of a binary rather than lines of a text.
    var isBinary: Bool

    /// Creates a unit.
    init(origin: Origin, lines: [ContentLine], decodedFrom: String? = nil, isBinary: Bool = false) {
        self.origin = origin
        self.lines = lines
        self.decodedFrom = decodedFrom
        self.isBinary = isBinary
    }

    /// Evidence naming the unit and the line, with a redacted excerpt and `facts`.
    func evidence(line: ContentLine?, facts: [String: String] = [:]) -> Evidence {
        var facts = facts
        let secrets = SecretMatcher.matches(in: lines, path: path)
        if let line {
            facts["line"] = "\(line.number)"
            facts["excerpt"] = SecretRedaction.excerpt(line.text, known: secrets)
        }
        if let decodedFrom { facts["decodedFromBase64"] = decodedFrom }
        switch origin {
        case .file(let path, let layer, let removedLater, let replacedLater):
            if removedLater { facts["removedByLaterLayer"] = "true" }
            if replacedLater { facts["replacedByLaterLayer"] = "true" }
            return Evidence(layer: layer, path: SecretRedaction.excerpt(path, limit: PayloadLimits.maxShownPath),
                            facts: facts)
        case .history(let index, let createdBy):
            facts["historyIndex"] = "\(index)"
            return Evidence(historyStep: SecretRedaction.excerpt(createdBy, limit: 1000, known: secrets),
                            configField: "history",
                            facts: facts)
        case .config(let field):
            return Evidence(configField: field, facts: facts)
        }
    }

    /// Where the unit is, for titles: the path, `history step N` or the config field.
    var place: String {
        switch origin {
        case .file(let path, _, _, _): "/" + SecretRedaction.excerpt(path, limit: PayloadLimits.maxShownPath)
        case .history(let index, _): "history step \(index)"
        case .config(let field): field
        }
    }

    /// Whether the unit is a file in the final image (not removed or replaced by a later layer).
    var isInFinalImage: Bool {
        if case .file(_, _, let removed, let replaced) = origin { return !removed && !replaced }
        return true
    }
}

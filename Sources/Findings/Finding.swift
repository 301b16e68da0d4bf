/// One thing the scan found, in the shape DESIGN.md fixes: category, rule, severity, title, detail, evidence.
public struct Finding: Codable, Sendable, Hashable {
    /// The incident-pattern category, e.g. `layer.digest-mismatch`; tools and policies match on it.
    public var category: String
    /// A stable identifier of the rule that fired.
    public var ruleID: String
    /// How bad it is.
    public var severity: Severity
    /// One line saying what was found.
    public var title: String
    /// Why it matters and what was seen.
    public var detail: String
    /// Where it was found.
    public var evidence: Evidence

    /// Creates a finding.
    public init(category: String, ruleID: String, severity: Severity, title: String, detail: String,
                evidence: Evidence) {
        self.category = category
        self.ruleID = ruleID
        self.severity = severity
        self.title = title
        self.detail = detail
        self.evidence = evidence
    }
}

/// Where a finding came from: a layer, a path in it, a history step or a config field.
public struct Evidence: Codable, Sendable, Hashable {
    /// The layer, by index and digest.
    public var layer: LayerReference?
    /// The path in the image's filesystem, escaped when not printable.
    public var path: String?
    /// The tar entry's name exactly as the layer stores it, escaped when not printable.
    public var entryName: String?
    /// The target of a symlink or hardlink entry as stored, escaped like `entryName`.
    public var linkTarget: String?
    /// Where a naive extractor would put the entry, relative to the root (`../` when it lands outside).
    public var resolvedPath: String?
    /// The history step's `created_by`.
    public var historyStep: String?
    /// The config field, e.g. `config.Env`.
    public var configField: String?
    /// Anything else worth quoting, e.g. the expected and computed digests.
    public var facts: [String: String]?

    /// Creates evidence.
    public init(layer: LayerReference? = nil, path: String? = nil, entryName: String? = nil,
                linkTarget: String? = nil, resolvedPath: String? = nil, historyStep: String? = nil,
                configField: String? = nil, facts: [String: String]? = nil) {
        self.layer = layer
        self.path = path
        self.entryName = entryName
        self.linkTarget = linkTarget
        self.resolvedPath = resolvedPath
        self.historyStep = historyStep
        self.configField = configField
        self.facts = facts
    }
}

/// A layer named by position and digest.
public struct LayerReference: Codable, Sendable, Hashable {
    /// The layer's index in the manifest, base first.
    public var index: Int
    /// The layer's digest as the manifest states it.
    public var digest: String

    /// Creates a layer reference.
    public init(index: Int, digest: String) {
        self.index = index
        self.digest = digest
    }
}

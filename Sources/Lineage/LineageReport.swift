/// The report's `lineage` section: the base image, how it was decided, what the image claimed, and the image split
/// into what the base brought and what the application added.
public struct LineageReport: Codable, Sendable, Hashable {
    /// The base image, when one could be decided; nil when none could be (the reason is in `note`).
    public var base: BaseImage?
    /// What the image says about its base (annotations, labels, provenance), each marked confirmed when its layers
    /// bear it out.
    public var claims: [BaseClaim]
    /// The catalog file the scan was given, if any.
    public var catalog: String?
    /// Layers from the base and from the application.
    public var layers: LineageSplit
    /// Packages by the layer that introduced them.
    public var packages: LineageSplit
    /// Vulnerability matches by the layer of their package; nil until vulnerabilities were matched.
    public var vulnerabilities: LineageSplit?
    /// Why no base was decided, when none was.
    public var note: String?

    /// Creates a lineage section.
    public init(base: BaseImage?, claims: [BaseClaim], catalog: String?, layers: LineageSplit,
                packages: LineageSplit, vulnerabilities: LineageSplit? = nil, note: String? = nil) {
        self.base = base
        self.claims = claims
        self.catalog = catalog
        self.layers = layers
        self.packages = packages
        self.vulnerabilities = vulnerabilities
        self.note = note
    }

    /// How many leading layers are the base's: zero when no base was decided.
    public var baseLayerCount: Int { base?.layerCount ?? 0 }

    /// Splits vulnerability matches by the layer of the package each was found in (nil counts as application).
    public mutating func splitVulnerabilities(layers: [Int?]) {
        let base = layers.filter { $0.map { $0 < baseLayerCount } ?? false }.count
        vulnerabilities = LineageSplit(base: base, application: layers.count - base)
    }
}

/// The base image an image is built on.
public struct BaseImage: Codable, Sendable, Hashable {
    /// The repository, as the catalog writes it (or normalised from the claim, for a base fetched from its registry).
    public var name: String
    /// The approved (or fetched) manifest digest whose layers the image starts with.
    public var digest: String
    /// How the base was decided.
    public var method: BaseDecisionMethod
    /// How sure the decision is.
    public var confidence: BaseConfidence
    /// How many of the image's leading layers are the base's.
    public var layerCount: Int
    /// The team the catalog names as its owner.
    public var owner: String?

    /// Creates a base record.
    public init(name: String, digest: String, method: BaseDecisionMethod, confidence: BaseConfidence,
                layerCount: Int, owner: String?) {
        self.name = name
        self.digest = digest
        self.method = method
        self.confidence = confidence
        self.layerCount = layerCount
        self.owner = owner
    }
}

/// Where the base decision came from.
public enum BaseDecisionMethod: String, Codable, Sendable, Hashable {
    /// SLSA or BuildKit provenance named it, and its layers are a prefix of the image's.
    case provenance
    /// `org.opencontainers.image.base.name` or `base.digest` in the manifest's annotations named it, confirmed by
    /// layers.
    case annotation
    /// The same keys as config labels named it, confirmed by layers.
    case label
    /// The longest approved layer list in the catalog that the image's layers start with; nothing named it.
    case layerPrefix = "layer-prefix"
}

/// How sure a base decision is.
public enum BaseConfidence: String, Codable, Sendable, Hashable {
    /// The layers match an approved digest and what the image claims agrees, or match the digest the image pins
    /// for its base as its registry serves it.
    case high
    /// The layers match an approved digest and the image claims nothing about its base, or match the base the image
    /// names by tag alone (tags move).
    case medium
}

/// What an image says about its base.
public struct BaseClaim: Codable, Sendable, Hashable {
    /// Where the claim was read.
    public enum Source: String, Codable, Sendable, Hashable {
        case provenance, annotation, label
    }

    /// Where the claim was read.
    public var source: Source
    /// The base's name as written (`base.name`, a provenance material), bounded.
    public var name: String?
    /// The base's digest as written (`base.digest`, a provenance material's digest), bounded.
    public var digest: String?
    /// Whether the decided base bears the claim out.
    public var confirmed: Bool

    /// Creates a claim.
    public init(source: Source, name: String?, digest: String?, confirmed: Bool = false) {
        self.source = source
        self.name = name
        self.digest = digest
        self.confirmed = confirmed
    }
}

/// A count split between the base and the application.
public struct LineageSplit: Codable, Sendable, Hashable {
    /// What the base brought.
    public var base: Int
    /// What the application added.
    public var application: Int

    /// Creates a split.
    public init(base: Int, application: Int) {
        self.base = base
        self.application = application
    }
}

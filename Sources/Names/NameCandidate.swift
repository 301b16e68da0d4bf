import ImageModel

/// A name to check and where it was found: the reference scanned, or a base the image names.
public struct NameCandidate: Sendable, Hashable {
    /// Whether the name is the image's own or one it says it was built on.
    public enum Role: String, Sendable, Hashable {
        /// The reference the image was scanned as.
        case scanned
        /// A base image named by an annotation, a label, the build history, provenance or the caller.
        case base
    }

    /// The name as found.
    public var text: String
    /// Whose name it is.
    public var role: Role
    /// The field it came from, e.g. `reference` or `config.Labels[org.opencontainers.image.base.name]`.
    public var configField: String?
    /// The history step's `created_by` it came from.
    public var historyStep: String?

    /// Creates a candidate.
    public init(text: String, role: Role, configField: String? = nil, historyStep: String? = nil) {
        self.text = text
        self.role = role
        self.configField = configField
        self.historyStep = historyStep
    }

    /// An image names a handful of bases at most; beyond this a config is padding the list to cost work, and the
    /// first ones are enough to show the pattern.
    public static let maxCandidates = 64

    /// Label and annotation keys that name a base image, compared lower-cased by suffix.
    static let baseKeySuffixes = ["base.name", "base-image", "base_image", "baseimage", "base.image"]

    /// Build arguments whose names say they hold a base image.
    static let baseArgumentWords = ["BASE", "IMAGE", "FROM"]

    /// The base names in an image's manifest annotations, config labels and build history, in that order.
    public static func bases(config: ImageConfig, annotations: [String: String]) -> [NameCandidate] {
        var found: [NameCandidate] = []
        // Keys are the image's own text: quoted so that control characters cannot reach a terminal.
        for (key, value) in annotations.filter({ isBaseKey($0.key) }).sorted(by: { $0.key < $1.key }) {
            found.append(NameCandidate(text: value, role: .base,
                                       configField: "manifest.annotations[\(NameChecks.quoted(key))]"))
        }
        let labels = (config.config?.labels ?? [:]).filter { isBaseKey($0.key) }
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            found.append(NameCandidate(text: value, role: .base,
                                       configField: "config.Labels[\(NameChecks.quoted(key))]"))
        }
        for step in config.history ?? [] {
            guard found.count < maxCandidates else { break }
            if let createdBy = step.createdBy, let name = baseName(inHistoryStep: createdBy) {
                found.append(NameCandidate(text: name, role: .base, historyStep: createdBy))
            }
        }
        return Array(found.prefix(maxCandidates))
    }

    static func isBaseKey(_ key: String) -> Bool {
        let lower = key.lowercased()
        return baseKeySuffixes.contains { lower.hasSuffix($0) }
    }

    /// A history step's `created_by` is a command line at most a few KB long; longer is not a Dockerfile step.
    static let maxHistoryStepLength = 8192

    /// The image a `FROM …` or `ARG BASE_IMAGE=…` step names, or nil. Values built from variables are skipped:
    /// what they expand to is not in the history.
    static func baseName(inHistoryStep createdBy: String) -> String? {
        guard createdBy.utf8.count <= maxHistoryStepLength else { return nil }
        var text = Substring(createdBy.trimmingWhitespace())
        for prefix in ["/bin/sh -c #(nop)", "#(nop)"] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let instruction = words.first?.uppercased() else { return nil }
        var value: String?
        switch instruction {
        case "FROM":
            value = words.dropFirst().first { !$0.hasPrefix("--") }
        case "ARG":
            guard let assignment = words.dropFirst().first, let equals = assignment.firstIndex(of: "=") else {
                return nil
            }
            let name = assignment[..<equals].uppercased()
            guard baseArgumentWords.contains(where: name.contains) else { return nil }
            value = String(assignment[assignment.index(after: equals)...])
        default:
            return nil
        }
        guard var value else { return nil }
        value = value.trimming("\"'")
        guard !value.isEmpty, !value.contains("$"), value.lowercased() != "scratch" else { return nil }
        return value
    }
}

extension String {
    func trimming(_ set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}

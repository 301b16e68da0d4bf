/// What a name imitates, and how.
public struct NameMatch: Sendable, Hashable {
    /// How the name was made to look like the well-known one.
    public enum Method: String, Sendable, Hashable {
        /// One or two inserted, deleted, replaced or swapped characters.
        case editDistance = "edit-distance"
        /// Look-alike characters: ASCII (`0`/`o`, `1`/`l`, `rn`/`m`, `vv`/`w`), Unicode confusables, punycode.
        case confusable
        /// A separator changed or removed (`hello_world`, `eclipsetemurin`).
        case separator
        /// A word added that presents the name as official or restates it (`ubuntu-secure`, `python-official`,
        /// `node-js`).
        case affix
        /// The exact official name under a namespace that is not its publisher's (`someuser/alpine`).
        case namespace
        /// The registry host rather than the path imitates a well-known one.
        case registryHost = "registry-host"
    }

    /// How.
    public var method: Method
    /// The well-known name imitated, e.g. `docker.io/library/nginx`, `docker.io/bitnami/*` or `ghcr.io`.
    public var imitates: String
    /// The part of the name that imitates it, e.g. `ngnix`.
    public var part: String
    /// The edit distance, for `editDistance`.
    public var distance: Int?

    /// Creates a match.
    public init(method: Method, imitates: String, part: String, distance: Int? = nil) {
        self.method = method
        self.imitates = imitates
        self.part = part
        self.distance = distance
    }

    /// The rule that reports this match.
    public var ruleID: String {
        switch method {
        case .editDistance: NameRules.editDistance
        case .confusable: NameRules.lookalike
        case .separator, .affix: NameRules.affix
        case .namespace: NameRules.namespace
        case .registryHost: NameRules.registryHost
        }
    }
}

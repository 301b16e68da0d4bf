import Foundation

/// The facts of a SLSA provenance predicate (v0.2 or v1) that a policy decides on: who built, how, from what
/// source, and when.
public struct SLSAProvenance: Sendable, Equatable {
    /// The predicate versions read.
    public enum Version: String, Sendable {
        /// SLSA provenance v0.2.
        case v0_2 = "https://slsa.dev/provenance/v0.2"
        /// SLSA provenance v1.
        case v1 = "https://slsa.dev/provenance/v1"
    }

    /// Which predicate version this came from.
    public let version: Version
    /// The builder's ID, e.g. a reusable workflow URI with its `@refs/tags/…`.
    public let builderID: String
    /// The build type URI.
    public let buildType: String
    /// The source repository URI without the ref, e.g. `git+https://github.com/org/repo`.
    public let sourceRepository: String?
    /// The source ref, e.g. `refs/heads/main` or `refs/tags/v1.2.3`.
    public let sourceRef: String?
    /// The source commit (sha1 or gitCommit digest).
    public let sourceCommit: String?
    /// When the build finished, if recorded.
    public let finishedOn: Date?
    /// The build invocation's ID, if recorded.
    public let invocationID: String?
    /// The container images the build pulled (its bases), as `name@sha256:<hex>`, from the materials.
    public let baseImages: [String]

    /// Reads the predicate of `statement`.
    /// - Throws: `payloadMismatch` for a predicate type that is not SLSA provenance v0.2 or v1; field errors for
    ///   a predicate without a builder ID or build type.
    public init(statement: InTotoStatement, source: String) throws(SigstoreError) {
        guard let version = Version(rawValue: statement.predicateType) else {
            throw .payloadMismatch(source: source, reason: "predicate type '\(statement.predicateType)' is not "
                                   + "SLSA provenance v0.2 or v1")
        }
        let predicate = try SigstoreJSON.document(statement.predicateJSON, source: source + " predicate")
        self.version = version
        switch version {
        case .v0_2:
            builderID = try predicate.required("builder").required("id").text()
            buildType = try predicate.required("buildType").text()
            let configSource = try predicate.member("invocation")?.member("configSource")
            let uri = try configSource?.member("uri")?.text()
            (sourceRepository, sourceRef) = Self.split(uri)
            sourceCommit = try configSource?.member("digest")?.member("sha1")?.text()
            let metadata = try predicate.member("metadata")
            finishedOn = try metadata?.member("buildFinishedOn").map { (node) throws(SigstoreError) in
                try Self.date(node)
            }
            invocationID = try metadata?.member("buildInvocationId")?.text()
            baseImages = try Self.baseImages(try predicate.elements("materials", limit: SigstoreLimits.maxElements))
        case .v1:
            let run = try predicate.required("runDetails")
            let definition = try predicate.required("buildDefinition")
            builderID = try run.required("builder").required("id").text()
            buildType = try definition.required("buildType").text()
            let (repository, ref, commit) = try Self.v1Source(definition)
            (sourceRepository, sourceRef, sourceCommit) = (repository, ref, commit)
            let metadata = try run.member("metadata")
            finishedOn = try metadata?.member("finishedOn").map { (node) throws(SigstoreError) in try Self.date(node) }
            invocationID = try metadata?.member("invocationId")?.text()
            baseImages = try Self.baseImages(try definition.elements("resolvedDependencies",
                                                                      limit: SigstoreLimits.maxElements))
        }
    }

    /// The source of a v1 build: `externalParameters.source` (container-based builds), the GitHub Actions
    /// `workflow` parameters, or else the first resolved dependency that is a git repository.
    private static func v1Source(_ definition: SigstoreJSON) throws(SigstoreError)
        -> (String?, String?, String?)
    {
        let external = try definition.member("externalParameters")
        let dependencies = try definition.elements("resolvedDependencies", limit: SigstoreLimits.maxElements)
        func commit(for repository: String?) throws(SigstoreError) -> String? {
            for dependency in dependencies {
                guard let uri = try dependency.member("uri")?.text(), split(uri).0 == repository else { continue }
                return try gitCommit(try dependency.member("digest"))
            }
            return nil
        }
        if let source = try external?.member("source"), let uri = try source.member("uri")?.text() {
            let (repository, ref) = split(uri)
            if let sha1 = try source.member("digest")?.member("sha1")?.text() { return (repository, ref, sha1) }
            return (repository, ref, try commit(for: repository))
        }
        if let workflow = try external?.member("workflow"), let repository = try workflow.member("repository")?.text() {
            let normalized = repository.hasPrefix("git+") ? repository : "git+" + repository
            return (normalized, try workflow.member("ref")?.text(), try commit(for: normalized))
        }
        if let first = dependencies.first, let uri = try first.member("uri")?.text(), uri.hasPrefix("git+") {
            let (repository, ref) = split(uri)
            return (repository, ref, try gitCommit(try first.member("digest")))
        }
        return (nil, nil, nil)
    }

    /// The `gitCommit` digest, else the `sha1` one.
    private static func gitCommit(_ digest: SigstoreJSON?) throws(SigstoreError) -> String? {
        if let commit = try digest?.member("gitCommit")?.text() { return commit }
        return try digest?.member("sha1")?.text()
    }

    /// `git+https://host/repo@refs/heads/main` split into repository and ref.
    static func split(_ uri: String?) -> (String?, String?) {
        guard let uri else { return (nil, nil) }
        guard let at = uri.range(of: "@", options: .backwards), uri[at.upperBound...].hasPrefix("refs/") else {
            return (uri, nil)
        }
        return (String(uri[..<at.lowerBound]), String(uri[at.upperBound...]))
    }

    private static func date(_ node: SigstoreJSON) throws(SigstoreError) -> Date {
        guard let date = RFC3339.date(try node.text()) else { throw node.wrongType("an RFC 3339 time") }
        return date
    }
}

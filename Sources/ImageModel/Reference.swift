/// An image reference, parsed and normalised the way docker does.
///
/// `nginx` is `docker.io/library/nginx:latest`; `localhost:5000/team/app@sha256:…` keeps its registry,
/// path and digest. A reference that docker would reject is rejected here with the reason.
public struct Reference: Hashable, Sendable, CustomStringConvertible {
    /// The registry host, with port if any; `docker.io` for Docker Hub.
    public let registry: String
    /// The repository path within the registry, e.g. `library/nginx`.
    public let repository: String
    /// The tag, if one was given or implied (`latest` when neither tag nor digest was given).
    public let tag: String?
    /// The digest the reference pins, if any.
    public let digest: Digest?

    /// Docker Hub's canonical name.
    public static let dockerHub = "docker.io"

    // The distribution spec's grammar: lengths a reference may not exceed.
    static let maxNameLength = 255
    static let maxTagLength = 128

    /// Parses a reference as `docker pull` would accept it.
    /// - Throws: `ModelError.invalidReference` naming the input and the part that is wrong.
    public init(parsing input: String) throws {
        func invalid(_ reason: String) -> ModelError { .invalidReference(input, reason: reason) }
        guard !input.isEmpty else { throw invalid("empty reference") }
        var rest = Substring(input)

        var digest: Digest?
        if let at = rest.firstIndex(of: "@") {
            do {
                digest = try Digest(parsing: String(rest[rest.index(after: at)...]))
            } catch let error as ModelError {
                throw invalid("bad digest: \(error)")
            }
            rest = rest[..<at]
        }

        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
            guard let tag, Self.isValidTag(tag) else {
                throw invalid("tag must be 1 to \(Self.maxTagLength) of [A-Za-z0-9_.-], not starting with '.' or '-'")
            }
        }

        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var registry = Self.dockerHub
        if components.count > 1, Self.looksLikeRegistry(components[0]) {
            registry = components.removeFirst()
            guard Self.isValidRegistry(registry) else { throw invalid("bad registry host '\(registry)'") }
        }
        if registry == "index.docker.io" { registry = Self.dockerHub }
        if registry == Self.dockerHub, components.count == 1 { components.insert("library", at: 0) }
        guard !components.isEmpty, components.allSatisfy(Self.isValidPathComponent) else {
            throw invalid("repository path must be lowercase [a-z0-9] components separated by '.', '_', '__' or '-'")
        }
        let repository = components.joined(separator: "/")
        guard registry.count + 1 + repository.count <= Self.maxNameLength else {
            throw invalid("name longer than \(Self.maxNameLength) characters")
        }

        self.registry = registry
        self.repository = repository
        self.tag = tag ?? (digest == nil ? "latest" : nil)
        self.digest = digest
    }

    /// Creates a reference from parts already validated elsewhere.
    public init(registry: String, repository: String, tag: String?, digest: Digest?) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// `registry/repository`, as docker writes a fully qualified name.
    public var name: String { "\(registry)/\(repository)" }

    /// The digest if pinned, else the tag: what the registry's manifest endpoint is asked for.
    public var manifestReference: String { digest?.description ?? tag ?? "latest" }

    /// The same repository pinned to `digest`, keeping the tag for display as docker does (`name:tag@digest`).
    public func pinned(to digest: Digest) -> Reference {
        Reference(registry: registry, repository: repository, tag: tag, digest: digest)
    }

    /// The fully qualified form, e.g. `docker.io/library/nginx:latest` or `host:5000/app@sha256:…`.
    public var description: String {
        var text = name
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// The host to contact for this reference's registry (Docker Hub's API lives on another name).
    public var registryHost: String { registry == Self.dockerHub ? "registry-1.docker.io" : registry }

    // Docker treats the first component as a host when it has a '.' or ':', is `localhost`, or has
    // uppercase letters (which a repository path never may).
    private static func looksLikeRegistry(_ component: String) -> Bool {
        component.contains(".") || component.contains(":") || component == "localhost"
            || component.contains(where: \.isUppercase)
    }

    private static func isValidRegistry(_ host: String) -> Bool {
        let allowed = host.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || ".-:[]".unicodeScalars.contains(scalar))
        }
        return allowed && !host.hasPrefix("-") && !host.hasPrefix(".") && !host.hasSuffix(":")
    }

    private static func isValidTag(_ tag: String) -> Bool {
        guard let first = tag.unicodeScalars.first, tag.count <= maxTagLength else { return false }
        guard first != "." && first != "-" else { return false }
        return tag.unicodeScalars.allSatisfy { isWordCharacter($0) || $0 == "." || $0 == "-" }
    }

    // path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [_.] | __ | [-]*
    private static func isValidPathComponent(_ component: String) -> Bool {
        let scalars = Array(component.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
        else { return false }
        var index = 0
        while index < scalars.count {
            if isLowerAlphanumeric(scalars[index]) { index += 1; continue }
            var run = index
            while run < scalars.count, !isLowerAlphanumeric(scalars[run]) { run += 1 }
            let separator = String(String.UnicodeScalarView(scalars[index..<run]))
            let dashes = separator.allSatisfy { $0 == "-" }
            guard separator == "." || separator == "_" || separator == "__" || dashes else { return false }
            index = run
        }
        return true
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isLowerAlphanumeric(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
}

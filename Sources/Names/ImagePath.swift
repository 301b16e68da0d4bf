import ImageModel

/// A reference's path read for ownership: who can publish there, and whether it is Docker's library or a mirror
/// of it.
struct ImagePath {
    /// The registry host without its port.
    let host: String
    /// The path components before the image's own name.
    let namespace: [String]
    /// The image's own name, the last path component.
    let name: String
    /// The namespace components that say who publishes here.
    ///
    /// Why: on a registry where anyone can open an account (Docker Hub, ghcr.io, quay.io…), the first component
    /// is the account, and `ghcr.io/evil/library/alpine` or `ghcr.io/evil/bitnami/nginx` belongs to `evil`
    /// whatever follows. Elsewhere (a company's mirror or proxy cache) the path is the mirror's own layout, and
    /// `harbor.corp/dockerhub/library/nginx` keeps the mirrored path after a prefix of its own.
    let owners: [String]

    /// Registries where anyone can publish under an account of their own, the first path component.
    static let openRegistries: Set<String> = [
        "docker.io", "ghcr.io", "quay.io", "registry.gitlab.com", "public.ecr.aws", "gcr.io", "us.gcr.io",
        "eu.gcr.io", "asia.gcr.io",
    ]

    init(_ reference: Reference) {
        host = NameChecks.hostWithoutPort(reference.registry)
        let components = reference.repository.split(separator: "/").map(String.init)
        name = components.last ?? ""
        namespace = Array(components.dropLast())
        owners = Self.openRegistries.contains(host) ? Array(namespace.prefix(1)) : namespace
    }

    /// Whether the path is Docker's library or a mirror of it: `library/` directly before the name, put there by
    /// Docker or by an owner that is a known vendor (`public.ecr.aws/docker/library/…`) or a mirror's prefix.
    var isLibrary: Bool {
        namespace.last == "library"
            && (namespace.count == 1 || owners.contains(where: WellKnownImages.vendorNamespaces.contains))
    }

    /// Whether the name stands alone on a registry other than Docker Hub, as mirrors that drop `library/` put it.
    var isBare: Bool { namespace.isEmpty }

    /// Whether a vendor's namespace vouches for the path.
    var isVendorOwned: Bool {
        owners.contains(where: WellKnownImages.vendorNamespaces.contains)
    }
}

/// A publisher whose name or home an image can claim, and the paths where its images really live.
struct Publisher: Sendable {
    /// How the publisher is named in reports.
    let name: String
    /// Vendor, author and maintainer texts that name it, as lower-case word runs (`docker inc`).
    let vendorNames: [[String]]
    /// Homes that are its own: a host (`nginx.org`, subdomains included) or a host and path prefix
    /// (`github.com/docker-library/`), lower case, without scheme.
    let homes: [String]
    /// Official library names that are its images (supported under `library/`).
    let images: Set<String>
    /// Namespaces that are its own, on any registry (mirrors keep paths).
    let namespaces: Set<String>
    /// Registries only it publishes to.
    let registries: Set<String>
    /// Docker's own library: supports every name under `library/`.
    var isDockerLibrary = false

    /// The publishers whose claims are checked: Docker's library, the distributions and runtimes behind the most
    /// pulled official images, and the vendors of the most used non-library base images.
    static let known: [Publisher] = [
        Publisher(name: "Docker Official Images",
                  vendorNames: [["docker", "inc"], ["docker", "official", "images"], ["docker", "library"]],
                  homes: ["github.com/docker-library/", "hub.docker.com/_/", "docs.docker.com/docker-hub/official"],
                  images: [], namespaces: ["docker"], registries: [], isDockerLibrary: true),
        Publisher(name: "Canonical", vendorNames: [["canonical"]], homes: ["ubuntu.com", "launchpad.net/cloud-images"],
                  images: ["ubuntu"], namespaces: ["ubuntu"], registries: []),
        Publisher(name: "Debian", vendorNames: [["debian"]], homes: ["debian.org", "github.com/debuerreotype/"],
                  images: ["debian", "neurodebian"], namespaces: [], registries: []),
        Publisher(name: "Alpine Linux", vendorNames: [["alpine", "linux"]],
                  homes: ["alpinelinux.org", "github.com/alpinelinux/"], images: ["alpine"], namespaces: [],
                  registries: []),
        Publisher(name: "NGINX", vendorNames: [["nginx"], ["f5"]],
                  homes: ["nginx.org", "nginx.com", "github.com/nginxinc/", "github.com/nginx/"],
                  images: ["nginx", "unit"], namespaces: ["nginxinc", "nginx"], registries: []),
        Publisher(name: "Bitnami", vendorNames: [["bitnami"], ["vmware"], ["broadcom"]],
                  homes: ["bitnami.com", "github.com/bitnami/"], images: [],
                  namespaces: ["bitnami", "bitnamicharts", "bitnamilegacy"], registries: []),
        Publisher(name: "Google distroless", vendorNames: [["google"]],
                  homes: ["github.com/googlecontainertools/distroless"], images: [],
                  namespaces: ["distroless", "google-containers"], registries: ["registry.k8s.io", "k8s.gcr.io"]),
        Publisher(name: "Red Hat", vendorNames: [["red", "hat"]],
                  homes: ["redhat.com", "github.com/redhat-"], images: [],
                  namespaces: ["ubi7", "ubi8", "ubi9", "ubi10", "redhat", "openshift"],
                  registries: ["registry.access.redhat.com", "registry.redhat.io"]),
        Publisher(name: "Microsoft", vendorNames: [["microsoft"]],
                  homes: ["mcr.microsoft.com", "github.com/microsoft/", "github.com/dotnet/"], images: [],
                  namespaces: [], registries: ["mcr.microsoft.com"]),
        Publisher(name: "Chainguard", vendorNames: [["chainguard"]],
                  homes: ["chainguard.dev", "github.com/chainguard-images/", "github.com/chainguard-dev/"], images: [],
                  namespaces: ["chainguard", "chainguard-dev"], registries: ["cgr.dev"]),
        Publisher(name: "Python Software Foundation", vendorNames: [["python", "software", "foundation"]],
                  homes: ["python.org"], images: ["python"], namespaces: [], registries: []),
        Publisher(name: "Node.js", vendorNames: [["node.js"], ["openjs", "foundation"]],
                  homes: ["nodejs.org", "github.com/nodejs/docker-node"], images: ["node"], namespaces: [],
                  registries: []),
        Publisher(name: "PostgreSQL", vendorNames: [["postgresql", "global", "development", "group"]],
                  homes: ["postgresql.org"], images: ["postgres"], namespaces: [], registries: []),
        Publisher(name: "Amazon Web Services", vendorNames: [["amazon", "web", "services"], ["amazon.com"]],
                  homes: ["aws.amazon.com", "github.com/amazonlinux/", "github.com/aws/"],
                  images: ["amazonlinux", "amazoncorretto"], namespaces: ["amazon", "lambda", "amazonlinux"],
                  registries: []),
    ]
}

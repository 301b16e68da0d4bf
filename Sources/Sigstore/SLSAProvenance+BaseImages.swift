import Foundation

extension SLSAProvenance {
    /// Most base images read from one predicate: builds pull a handful, and a predicate listing thousands of
    /// container materials is not worth reading further.
    static let maxBaseImages = 16

    /// The container images among `materials` (v0.2) or `resolvedDependencies` (v1), as `name@sha256:<hex>`:
    /// BuildKit records the `FROM` images as `pkg:docker/…` purls with their digest. Entries without a SHA-256
    /// digest are left out, since a base named by tag alone cannot be matched to layers.
    static func baseImages(_ dependencies: [SigstoreJSON]) throws(SigstoreError) -> [String] {
        var images: [String] = []
        for dependency in dependencies where images.count < maxBaseImages {
            guard let uri = try dependency.member("uri")?.text(),
                  let hex = try dependency.member("digest")?.member("sha256")?.text(),
                  hex.count == 64, hex.allSatisfy(\.isHexDigit),
                  let name = imageName(uri) else { continue }
            images.append("\(name)@sha256:\(hex.lowercased())")
        }
        return images
    }

    /// The repository a container material names: `pkg:docker/library/debian@bookworm?repository_url=…` gives
    /// `[registry/]library/debian`; `docker://` and `oci://` URIs give their reference without tag or digest.
    static func imageName(_ uri: String) -> String? {
        for scheme in ["pkg:docker/", "pkg:oci/"] where uri.hasPrefix(scheme) {
            let rest = uri.dropFirst(scheme.count)
            let path = rest.prefix { $0 != "@" && $0 != "?" && $0 != "#" }
            let query = rest.drop { $0 != "?" }.dropFirst().prefix { $0 != "#" }
            let registry = query.split(separator: "&").first { $0.hasPrefix("repository_url=") }
                .map { $0.dropFirst("repository_url=".count).removingPercentEncodingOrSelf }
            guard !path.isEmpty else { return nil }
            let name = String(path).removingPercentEncodingOrSelf
            return registry.map { "\($0)/\(name)" } ?? name
        }
        for scheme in ["docker://", "oci://"] where uri.hasPrefix(scheme) {
            let reference = uri.dropFirst(scheme.count).prefix { $0 != "@" }
            let lastSlash = reference.lastIndex(of: "/") ?? reference.startIndex
            let tagColon = reference[lastSlash...].firstIndex(of: ":")
            let name = tagColon.map { reference[..<$0] } ?? reference
            return name.isEmpty ? nil : String(name)
        }
        return nil
    }
}

private extension StringProtocol {
    /// Percent-decoded, or unchanged when the escapes are malformed.
    var removingPercentEncodingOrSelf: String {
        String(self).removingPercentEncoding ?? String(self)
    }
}

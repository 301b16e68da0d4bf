import SBOM

extension SBOMSubject {
    /// The image's purl, of the purl-spec `oci` type: the last segment of the repository as the name, the manifest
    /// digest as the version, the repository, architecture and tag as qualifiers
    /// (`pkg:oci/debian@sha256:…?arch=amd64&repository_url=docker.io%2Flibrary%2Fdebian&tag=12`).
    public var packageURL: String {
        var qualifiers: [String: String] = [:]
        if let repository { qualifiers["repository_url"] = repository }
        if let architecture { qualifiers["arch"] = architecture }
        if let tag { qualifiers["tag"] = tag }
        return PackageURL(type: "oci", name: purlName, version: manifestDigest, qualifiers: qualifiers).description
    }

    /// The spec asks for the repository's last segment, lowercased; an image file without a repository goes by its
    /// file name without the extension (`oci-archive:images/app.tar` → `app`).
    private var purlName: String {
        if let repository, let last = repository.split(separator: "/").last { return last.lowercased() }
        let location = reference.split(separator: ":").last.map(String.init) ?? reference
        let fileName = location.split(separator: "/").last.map(String.init) ?? location
        let stem = fileName.split(separator: ".").first.map(String.init) ?? fileName
        return stem.isEmpty ? "image" : stem.lowercased()
    }
}

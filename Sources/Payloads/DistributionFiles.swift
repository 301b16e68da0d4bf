import SBOM

/// The paths that the distribution's package manager (dpkg, apk, rpm) installed, from the SBOM's file lists.
struct DistributionFiles {
    /// Top-level directories that merged-/usr systems link into `usr/`: a package lists `lib/x`, the image holds
    /// it at `usr/lib/x`, and both spellings must be recognised.
    static let mergedDirectories = ["bin/", "sbin/", "lib/", "lib32/", "lib64/", "libx32/"]

    private var paths: Set<String> = []

    init(_ sbom: SoftwareBillOfMaterials) {
        for package in sbom.packages where [.deb, .apk, .rpm].contains(package.type) {
            for file in package.files {
                let path = file.path.hasPrefix("/") ? String(file.path.dropFirst()) : file.path
                paths.insert(path)
                if Self.mergedDirectories.contains(where: path.hasPrefix) { paths.insert("usr/" + path) }
            }
        }
    }

    /// Whether a distribution package installed `path`.
    func contains(_ path: String) -> Bool { paths.contains(path) }
}

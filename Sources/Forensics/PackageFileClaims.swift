import LayerPass
import SBOM

/// One package's record of one file: the package, the file as recorded, and whether it counts as configuration.
struct PackageFileClaim: Sendable {
    let package: Package
    let file: PackageFile
    let isConfiguration: Bool
}

/// The files dpkg, apk and rpm packages recorded digests for, by where they are in the final filesystem: each
/// recorded path followed through directory symlinks (a package lists `bin/ls`; on a merged-/usr system the file
/// is at `usr/bin/ls`) and dpkg diversions.
struct PackageFileClaims {
    /// Final path → the records that claim it.
    private(set) var byPath: [String: [PackageFileClaim]] = [:]

    /// The claimed paths, sorted so that findings come out in a stable order.
    var paths: [String] { byPath.keys.sorted() }

    init(_ sbom: SoftwareBillOfMaterials, fileSystem: FileSystem, layers: [LayerResult]) {
        let diversions = Self.diversions(fileSystem: fileSystem, layers: layers)
        var resolver = DirectoryResolver(fileSystem: fileSystem)
        for package in sbom.packages where PackageFileIntegrity.checkedTypes.contains(package.type) {
            for file in package.files where file.digest != nil {
                let located = package.type == .deb ? diversions.location(of: file.path, recordedBy: package.name)
                    : file.path
                let path = resolver.resolve(located)
                let claim = PackageFileClaim(package: package, file: file,
                                             isConfiguration: Self.isConfiguration(file, of: package))
                byPath[path, default: []].append(claim)
            }
        }
    }

    /// dpkg conffiles and rpm %config files as recorded; for apk, which records no such flag, files under `etc/`:
    /// apk itself protects `etc` by default (`/etc/apk/protected_paths.d`), keeping an edited file there as the
    /// administrator's and installing the package's version beside it as `.apk-new`.
    static func isConfiguration(_ file: PackageFile, of package: Package) -> Bool {
        file.isConfiguration || (package.type == .apk && file.path.hasPrefix("etc/"))
    }

    /// The final filesystem's dpkg diversions, when the pass kept the file.
    private static func diversions(fileSystem: FileSystem, layers: [LayerResult]) -> DpkgDiversions {
        guard let entry = fileSystem[DpkgDiversions.path], layers.indices.contains(entry.layer),
              let bytes = layers[entry.layer].captured[DpkgDiversions.path]
        else { return DpkgDiversions() }
        return DpkgDiversions(bytes)
    }
}

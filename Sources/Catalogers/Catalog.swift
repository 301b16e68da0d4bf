import LayerPass
import SBOM

/// Runs catalogers over the image layer by layer, so that each package is attributed to the layer that brought
/// it in and the layer that last changed it.
public enum Catalog {
    /// The catalogers Safeguard runs by default.
    public static let defaultCatalogers: [any Cataloger] = [
        OSReleaseCataloger(), DpkgCataloger(), ApkCataloger(), PythonCataloger(), NpmCataloger(), GemCataloger(),
        ComposerCataloger(), RpmCataloger(), GoBinaryCataloger(), RustAuditableCataloger(),
        JavaArchiveCataloger(),
    ]

    /// The file requests of `catalogers`, for the layer pass.
    ///
    /// Catalogers that need the same files (several read os-release) ask with the same analyzer name and size;
    /// those requests are asked once, since every request is tried against every entry of every layer.
    public static func requests(_ catalogers: [any Cataloger]) -> [FileRequest] {
        var seen: Set<String> = []
        return catalogers.flatMap(\.requests).filter { seen.insert("\($0.analyzer)/\($0.maxSize)").inserted }
    }

    /// Catalogs the image whose layers the pass read (with the catalogers' requests), base first.
    public static func run(layers: [LayerResult], catalogers: [any Cataloger] = defaultCatalogers)
        -> SoftwareBillOfMaterials
    {
        var state = CatalogFiles(files: [:])
        var current: [String: Package] = [:]
        var operatingSystem: OperatingSystem?
        var warnings: [CatalogWarning] = []
        for layer in layers {
            // Only a layer that wrote or removed a kept file can change what catalogers see.
            guard state.apply(layer) || layer.index == 0 else { continue }
            var found: [String: Package] = [:]
            var layerWarnings: [CatalogWarning] = []
            operatingSystem = nil
            for cataloger in catalogers {
                let output = cataloger.catalog(state)
                for package in output.packages { found[package.identity] = package }
                layerWarnings += output.warnings
                operatingSystem = operatingSystem ?? output.operatingSystem
            }
            for (identity, var package) in found {
                if let previous = current[identity] {
                    // Compared before the layers are set: catalogers leave them nil, so only the record can differ.
                    var unchanged = previous
                    unchanged.introducedLayer = nil
                    unchanged.changedLayer = nil
                    package.changedLayer = unchanged == package ? previous.changedLayer : layer.index
                    package.introducedLayer = previous.introducedLayer
                } else {
                    package.introducedLayer = layer.index
                    package.changedLayer = layer.index
                }
                found[identity] = package
            }
            current = found
            // A warning about a file stands while that version of the file is in the image.
            warnings = (warnings + layerWarnings).filter { warning in
                state.layer(of: warning.path) == warning.layer || warning.layer == nil
            }
        }
        let packages = current.values.sorted {
            ($0.type.rawValue, $0.name, $0.version) < ($1.type.rawValue, $1.name, $1.version)
        }
        let sortedWarnings = Array(Set(warnings)).sorted { ($0.path, $0.message) < ($1.path, $1.message) }
        return SoftwareBillOfMaterials(operatingSystem: operatingSystem, packages: packages, warnings: sortedWarnings)
    }
}

extension CatalogFiles {
    /// Applies one layer's changes to the kept files; returns whether any kept file changed.
    mutating func apply(_ layer: LayerResult) -> Bool {
        var changed = false
        // As in the filesystem merge, whiteouts hide lower layers' files whatever their place in the tar.
        for change in layer.changes {
            switch change {
            case .whiteout(let path): changed = remove(below: path, includingSelf: true, before: layer.index) || changed
            case .opaque(let directory):
                changed = remove(below: directory, includingSelf: false, before: layer.index) || changed
            case .write: continue
            }
        }
        for case .write(let entry) in layer.changes {
            if let bytes = layer.captured[entry.path] {
                files[entry.path] = (bytes, layer.index)
                changed = true
            } else if files.removeValue(forKey: entry.path) != nil {
                // Overwritten by an entry that was not kept (a symlink, or a file past the request's size).
                changed = true
            }
        }
        return changed
    }

    private mutating func remove(below path: String, includingSelf: Bool, before layer: Int) -> Bool {
        let prefix = path.isEmpty ? "" : path + "/"
        let doomed = files.filter { key, value in
            value.layer < layer && ((includingSelf && key == path) || key.hasPrefix(prefix))
        }.keys
        for key in doomed { files.removeValue(forKey: key) }
        return !doomed.isEmpty
    }
}

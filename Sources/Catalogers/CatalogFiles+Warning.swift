import SBOM

extension CatalogFiles {
    /// A warning about `path` as this view holds it, dated to the layer whose version of the file it is.
    func warning(_ cataloger: String, _ path: String, _ message: String) -> CatalogWarning {
        CatalogWarning(cataloger: cataloger, path: path, message: message, layer: layer(of: path))
    }
}

import SBOM

extension [Package] {
    /// One package per identity, in first-found order; a package found at several paths (the same version in two
    /// `site-packages`, or nested twice in `node_modules`) keeps every location and every recorded file.
    func mergingDuplicates() -> [Package] {
        var order: [String] = []
        var merged: [String: Package] = [:]
        for package in self {
            guard var existing = merged[package.identity] else {
                order.append(package.identity)
                merged[package.identity] = package
                continue
            }
            existing.locations += package.locations.filter { !existing.locations.contains($0) }
            existing.licenses += package.licenses.filter { !existing.licenses.contains($0) }
            let known = Set(existing.files.map(\.path))
            existing.files += package.files.filter { !known.contains($0.path) }
            merged[package.identity] = existing
        }
        return order.map { merged[$0]! }
    }
}

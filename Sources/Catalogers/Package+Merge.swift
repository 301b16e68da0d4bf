import SBOM

extension [Package] {
    /// One package per identity, in first-found order; a package found at several paths (the same version in two
    /// `site-packages`, or nested twice in `node_modules`) keeps every location, every recorded file and every
    /// dependency.
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
            // The same crate built into two programs with different features can depend on different crates.
            let depended = Set(existing.dependencies)
            existing.dependencies += package.dependencies.filter { !depended.contains($0) }
            let known = Set(existing.files.map(\.path))
            existing.files += package.files.filter { !known.contains($0.path) }
            merged[package.identity] = existing
        }
        return order.map { merged[$0]! }
    }
}

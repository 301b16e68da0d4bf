import ImageModel

/// `name.typosquat`: whether an image name imitates a well-known one, by edits, look-alike characters, affixes,
/// or an official name under someone else's namespace. A pure function of the name and the lists it knows.
public struct NameChecks: Sendable {
    /// Names of vetted images beyond the built-in lists (the catalog), normalised as `registry/repository`; never
    /// flagged.
    public let extraNames: Set<String>

    /// Text longer than any reference (255) with room for a transport prefix and a tag is not a name; the bound
    /// keeps a hostile label from costing more than a real name does.
    static let maxNameLength = 512

    /// Creates the checks; `extraNames` are references (`acme/base`, `ghcr.io/acme/base:1`) the catalog vetted.
    /// Entries that do not parse as references are ignored: the catalog's own loader reports them.
    public init(extraNames: [String] = []) {
        self.extraNames = Set(extraNames.compactMap { try? Reference(parsing: $0).name })
    }

    /// What `text` imitates, or nil when it is a well-known name itself or resembles none.
    ///
    /// `text` is a reference as a user or a label writes it (`nginx`, `docker.io/library/nginx:1.27`,
    /// `docker://…`); text that is not a reference, even after reading look-alike characters as ASCII, is nil.
    public func match(_ text: String) -> NameMatch? {
        guard text.utf8.count <= Self.maxNameLength else { return nil }
        var name = text.trimmingWhitespace()
        if name.hasPrefix("docker://") { name.removeFirst("docker://".count) }

        // Why: what matters is what a person reads. Unicode look-alikes and punycode hosts are read as the ASCII
        // they are drawn like; if the result is a name that the raw text is not, the text is a disguise.
        var readable = Confusables.skeleton(name)
        if let slash = readable.firstIndex(of: "/"), readable[..<slash].contains("xn--"),
           let host = Punycode.decodeHost(String(readable[..<slash])) {
            readable = Confusables.skeleton(host) + readable[slash...]
        }
        let disguised = readable != name.lowercased()
        guard let reference = try? Reference(parsing: readable) else { return nil }
        guard !extraNames.contains(reference.name) else { return nil }

        if disguised {
            if let found = structuralMatch(reference) {
                return NameMatch(method: .confusable, imitates: found.imitates, part: name, distance: found.distance)
            }
            guard isWellKnown(reference) else { return nil }
            return NameMatch(method: .confusable, imitates: reference.name, part: name)
        }
        return structuralMatch(reference)
    }

    /// The checks on a parsed ASCII reference: host, then namespace, then the image's own name.
    func structuralMatch(_ reference: Reference) -> NameMatch? {
        if let host = hostMatch(reference.registry) { return host }
        let path = ImagePath(reference)
        guard !WellKnownImages.vendorRegistries.contains(path.host) else { return nil }
        if path.isLibrary { return officialMatch(path.name, context: .library) }
        if path.isBare { return officialMatch(path.name, context: .bare) }

        // A vendor's namespace: the vendor's image, or a mirror that kept its path.
        guard !path.isVendorOwned else { return nil }
        if let vendor = path.owners.lazy.compactMap(vendorNamespaceMatch).first { return vendor }
        let last = path.name
        // Only current official names: `acme/rails` or `acme/jenkins` is an organisation's own build of a tool
        // whose official image Docker retired, and no one is lured to a retired image by its plain name.
        if WellKnownImages.officialNames.contains(last), !WellKnownImages.ordinaryWordNames.contains(last) {
            return NameMatch(method: .namespace, imitates: Self.officialReference(last),
                             part: path.namespace.joined(separator: "/") + "/" + last)
        }
        // `library/` in someone else's path still presents what follows as official.
        return officialMatch(last, context: path.namespace.last == "library" ? .library : .namespaced)
    }

    /// Whether the reference is a well-known image itself: official, a vendor's, or a catalog entry.
    func isWellKnown(_ reference: Reference) -> Bool {
        let path = ImagePath(reference)
        if WellKnownImages.vendorRegistries.contains(path.host) || extraNames.contains(reference.name) { return true }
        if path.isLibrary || path.isBare { return WellKnownImages.allOfficialNames.contains(path.name) }
        return path.isVendorOwned
    }

    /// A registry host that imitates a well-known one without being it.
    func hostMatch(_ registry: String) -> NameMatch? {
        let host = Self.hostWithoutPort(registry)
        guard !WellKnownImages.registryHosts.contains(host) else { return nil }
        if let known = Self.registryHostsByFold[Confusables.fold(host)] {
            return NameMatch(method: .confusable, imitates: known, part: host)
        }
        // Short hosts (gcr.io and its neighbours) are one edit from many unrelated names; only longer ones are
        // compared by distance.
        for known in Self.registryHostsForEdits {
            if let distance = EditDistance.distance(host, known, limit: 1) {
                return NameMatch(method: .registryHost, imitates: known, part: host, distance: distance)
            }
        }
        return nil
    }

    /// Hosts shorter than this are not compared by edit distance (see `hostMatch`).
    static let minHostLengthForEdits = 7

    /// A namespace that imitates a vendor's: `bitnarni`, `bitnam1`, `grafanna`.
    func vendorNamespaceMatch(_ namespace: String) -> NameMatch? {
        guard !WellKnownImages.vendorNamespaces.contains(namespace) else { return nil }
        if let vendor = Self.vendorNamespacesByFold[Confusables.fold(namespace)] {
            return NameMatch(method: .confusable, imitates: "docker.io/\(vendor)/*", part: namespace)
        }
        for vendor in Self.vendorNamespacesForEdits {
            if let distance = EditDistance.distance(namespace, vendor, limit: 1) {
                return NameMatch(method: .editDistance, imitates: "docker.io/\(vendor)/*", part: namespace,
                                 distance: distance)
            }
        }
        return nil
    }

    /// Vendor namespaces shorter than this are compared by look-alike characters only: five-letter organisation
    /// names one edit from `prom` or `kong` are common and innocent.
    static let minVendorLengthForEdits = 6

    static func officialReference(_ name: String) -> String { "docker.io/library/\(name)" }

    static func hostWithoutPort(_ registry: String) -> String {
        guard let colon = registry.lastIndex(of: ":"), !registry.hasSuffix("]") else { return registry }
        return String(registry[..<colon])
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

/// The well-known names prepared once: sorted, so that a name close to two of them is reported the same way on
/// every run, and folded, so that a check does not fold the whole list again for every name.
extension NameChecks {
    /// Official names, current and retired, sorted.
    static let sortedOfficialNames = WellKnownImages.allOfficialNames.sorted()
    /// Official names with their words, longest first: `library/mongo-express-secure` imitates `mongo-express`,
    /// not `mongo`.
    static let officialNamesLongestFirst = sortedOfficialNames
        .sorted { ($0.count, $1) > ($1.count, $0) }
        .map { ($0, words($0)) }
    /// Each official name of four or more characters by its fold.
    static let officialNamesByFold = foldTable(sortedOfficialNames.filter { $0.count >= minNameLength })
    /// Each vendor namespace of four or more characters by its fold.
    static let vendorNamespacesByFold = foldTable(
        WellKnownImages.vendorNamespaces.sorted().filter { $0.count >= minNameLength })
    /// Vendor namespaces long enough to compare by edit distance, sorted.
    static let vendorNamespacesForEdits = WellKnownImages.vendorNamespaces.sorted()
        .filter { $0.count >= minVendorLengthForEdits }
    /// Each registry host by its fold.
    static let registryHostsByFold = foldTable(WellKnownImages.registryHosts.sorted())
    /// Registry hosts long enough to compare by edit distance, sorted.
    static let registryHostsForEdits = WellKnownImages.registryHosts.sorted()
        .filter { $0.count >= minHostLengthForEdits }

    /// The first name (in sorted order) for each fold.
    static func foldTable(_ names: [String]) -> [String: String] {
        var table: [String: String] = [:]
        for name in names where table[Confusables.fold(name)] == nil { table[Confusables.fold(name)] = name }
        return table
    }
}

extension CycloneDXWriter {
    /// A package's licences as CycloneDX 1.6 allows them: either licence objects, or exactly one expression.
    ///
    /// When every string is an SPDX expression over listed identifiers, single identifiers become `license.id` and
    /// anything compound joins into one `expression` (`(A OR B) AND C`). Otherwise each string stays as written, as
    /// `license.name` (or `license.id` when it is one listed identifier), so no text the database held is lost.
    static func licenses(_ names: [String]) -> [CycloneDX.License]? {
        guard !names.isEmpty else { return nil }
        let canonical = names.map { name in LicenseExpression(name).flatMap { expression in
            expression.canonical.map { (text: $0, isIdentifier: !expression.isCompound && !$0.hasSuffix("+")) }
        } }
        let parsed = canonical.compactMap { $0 }
        if parsed.count == names.count, parsed.contains(where: { !$0.isIdentifier }) {
            let texts = unique(parsed.map(\.text))
            let joined = texts.count == 1 ? texts[0] : texts.map { $0.contains(" ") ? "(\($0))" : $0 }
                .joined(separator: " AND ")
            return [.expression(joined)]
        }
        return unique(zip(names, canonical).map { name, parsed in
            if let parsed, parsed.isIdentifier { return .identifier(parsed.text) }
            return .name(name)
        })
    }

    private static func unique<Element: Equatable>(_ elements: [Element]) -> [Element] {
        var result: [Element] = []
        for element in elements where !result.contains(element) { result.append(element) }
        return result
    }
}

import Foundation

/// Turns the licence strings a package database records into valid `licenseDeclared` expressions, collecting a
/// `LicenseRef-` for every licence that is not on the SPDX list.
///
/// Why: a document whose expression names an unlisted identifier (`GPL-2+`, `Artistic`, `Apache License 2.0`) is
/// rejected by SPDX validators. Listed identifiers are kept in their canonical case; an unlisted one becomes a
/// `LicenseRef-`, declared once in `hasExtractedLicensingInfos` with the name as the database wrote it. A string
/// that is not an expression at all becomes a single `LicenseRef-`.
struct SPDXLicenseReferences {
    /// The extracted licences, in the order first met.
    private(set) var extracted: [SPDX.ExtractedLicense] = []
    /// Licence name as written → its `LicenseRef-`.
    private var identifiers: [String: String] = [:]
    /// Lowercased identifiers taken, since SPDX compares identifiers case-insensitively.
    private var taken: Set<String> = []

    /// The `licenseDeclared` value for `names`: `NOASSERTION` when there are none, else their expressions joined
    /// with `AND`.
    mutating func declared(_ names: [String]) -> String {
        var expressions: [String] = []
        for name in names {
            let expression = self.expression(name)
            if !expressions.contains(expression) { expressions.append(expression) }
        }
        guard !expressions.isEmpty else { return "NOASSERTION" }
        guard expressions.count > 1 else { return expressions[0] }
        return expressions.map { $0.contains(" ") ? "(\($0))" : $0 }.joined(separator: " AND ")
    }

    private mutating func expression(_ name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let parsed = LicenseExpression(trimmed), parsed.tokens.allSatisfy({ token in
            if case .exception(let identifier) = token { return SPDXLicenseList.exception(identifier) != nil }
            return true
        }) else {
            return reference(for: trimmed.isEmpty ? name : trimmed)
        }
        return parsed.rendered(license: { identifier in
            LicenseExpression.listedLicense(identifier) ?? reference(for: identifier)
        }, exception: { SPDXLicenseList.exception($0) ?? $0 })
    }

    /// The `LicenseRef-` for a licence named `name`, declaring it on first use.
    private mutating func reference(for name: String) -> String {
        if let known = identifiers[name] { return known }
        let sanitized = SPDXIdentifier.sanitize(name)
        var identifier = name.hasPrefix("LicenseRef-") ? sanitized : "LicenseRef-" + sanitized
        if sanitized != name || taken.contains(identifier.lowercased()) {
            identifier += "-" + SPDXIdentifier.hash(name, count: 8)
        }
        identifiers[name] = identifier
        taken.insert(identifier.lowercased())
        extracted.append(SPDX.ExtractedLicense(
            licenseId: identifier, extractedText: name, name: name,
            comment: "The package database names this licence; it is not on the SPDX License List and its text "
                + "was not collected, so the extracted text is the name as written."))
        return identifier
    }
}

import Foundation
import SBOM

/// Statements from any number of documents, indexed by vulnerability, to decide findings.
public struct VEXIndex: Sendable {
    /// A statement with its products' identifiers parsed once.
    struct Entry: Sendable {
        let statement: VEXStatement
        /// Input order, so that of two statements with the same timestamp the later one wins.
        let order: Int
        let products: [(identifiers: [ProductIdentifier], subcomponents: [ProductIdentifier])]
    }

    /// Entries by vulnerability identifier, uppercased: `cve-2023-1` and `CVE-2023-1` name one vulnerability.
    let entries: [String: [Entry]]

    /// Indexes the statements of `documents`.
    public init(_ documents: [VEXDocument]) {
        var entries: [String: [Entry]] = [:]
        var order = 0
        for document in documents {
            for statement in document.statements {
                let products = statement.products.map { product in
                    (product.component.allIdentifiers.map(ProductIdentifier.init),
                     product.subcomponents.flatMap(\.allIdentifiers).map(ProductIdentifier.init))
                }
                let entry = Entry(statement: statement, order: order, products: products)
                order += 1
                for id in Set(([statement.vulnerability] + statement.aliases).map { $0.uppercased() }) {
                    entries[id, default: []].append(entry)
                }
            }
        }
        self.entries = entries
    }

    /// The statement that decides the vulnerability `ids` (advisory ID and its aliases) for a package (`purl`) in
    /// an image (`imageIdentifiers`: e.g. `pkg:oci/debian@sha256%3A...`, the image digest, the reference): the
    /// latest statement by timestamp whose vulnerability names one of `ids` and whose product matches the image or
    /// the package (a product with subcomponents matches only when a subcomponent matches the package). Purl
    /// matching per the purl spec: a statement purl without version matches any version; qualifiers in the
    /// statement must be present in the package's.
    public func statement(for ids: [String], purl: String, imageIdentifiers: [String]) -> VEXStatement? {
        let package = ProductIdentifier(purl)
        let image = imageIdentifiers.map(ProductIdentifier.init)
        var seen: Set<Int> = []
        var best: Entry?
        for id in ids {
            for entry in entries[id.uppercased()] ?? [] where seen.insert(entry.order).inserted {
                guard Self.applies(entry, package: package, image: image) else { continue }
                if let current = best, !Self.isLater(entry, than: current) { continue }
                best = entry
            }
        }
        return best?.statement
    }

    /// Whether a product of `entry` is the image or the package; one that lists subcomponents must also have the
    /// package among them, since the statement is about those parts only.
    static func applies(_ entry: Entry, package: ProductIdentifier, image: [ProductIdentifier]) -> Bool {
        entry.products.contains { product in
            let names = { (subject: ProductIdentifier) in product.identifiers.contains { $0.matches(subject) } }
            guard names(package) || image.contains(where: names) else { return false }
            return product.subcomponents.isEmpty || product.subcomponents.contains { $0.matches(package) }
        }
    }

    /// Later by timestamp; a statement without one is older than any with one; ties go to the later in input order.
    static func isLater(_ entry: Entry, than other: Entry) -> Bool {
        switch (entry.statement.timestamp, other.statement.timestamp) {
        case let (left?, right?) where left != right: left > right
        case (nil, _?): false
        case (_?, nil): true
        default: entry.order > other.order
        }
    }
}

/// An identifier a statement or a scan gives a product: a purl, compared component by component, or any other
/// string (an image digest or reference, a CPE), compared as written.
struct ProductIdentifier: Sendable {
    let text: String
    let purl: PackageURL?

    init(_ text: String) {
        self.text = text
        purl = text.hasPrefix("pkg:") ? try? PackageURL(parsing: text) : nil
    }

    /// Whether this identifier, from a statement, names `subject`: the same string, or a purl of the same type,
    /// namespace and name whose version, qualifiers and subpath, where this one gives them, are the subject's.
    func matches(_ subject: ProductIdentifier) -> Bool {
        guard let pattern = purl, let purl = subject.purl else { return text == subject.text }
        guard pattern.type == purl.type, pattern.namespace == purl.namespace, pattern.name == purl.name else {
            return false
        }
        if let version = pattern.version, version != purl.version { return false }
        if let subpath = pattern.subpath, subpath != purl.subpath { return false }
        return pattern.qualifiers.allSatisfy { purl.qualifiers[$0.key] == $0.value }
    }
}

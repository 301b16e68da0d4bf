import Foundation

/// One OpenVEX statement: what its author says of a vulnerability in some products.
public struct VEXStatement: Sendable, Codable, Equatable {
    /// The vulnerability's main identifier (`name`), e.g. `CVE-2023-12345`.
    public var vulnerability: String
    /// Other identifiers of the vulnerability (`aliases`, and its `@id` when there is one).
    public var aliases: [String]
    /// The products the statement is about.
    public var products: [VEXProduct]
    /// What the statement says.
    public var status: VEXStatus
    /// Why a product is not affected, when the statement gives a label.
    public var justification: VEXJustification?
    /// Why a product is not affected, in the author's words.
    public var impactStatement: String?
    /// What to do about an affected product.
    public var actionStatement: String?
    /// When the statement was known true: its own timestamp, else its document's.
    public var timestamp: Date?
    /// The file the statement came from, for the report.
    public var source: String

    /// Creates a statement.
    public init(vulnerability: String, aliases: [String] = [], products: [VEXProduct], status: VEXStatus,
                justification: VEXJustification? = nil, impactStatement: String? = nil, actionStatement: String? = nil,
                timestamp: Date? = nil, source: String) {
        self.vulnerability = vulnerability
        self.aliases = aliases
        self.products = products
        self.status = status
        self.justification = justification
        self.impactStatement = impactStatement
        self.actionStatement = actionStatement
        self.timestamp = timestamp
        self.source = source
    }

    /// Every subcomponent of every product.
    public var subcomponents: [VEXComponent] { products.flatMap(\.subcomponents) }

    /// Whether a finding the statement decides is to be left out of the report: the product is `not_affected`
    /// (parsing has made sure a justification or impact statement says why) or `fixed`.
    public var suppressesFinding: Bool { status == .notAffected || status == .fixed }
}

/// A product or subcomponent, by the identifiers a statement gives it.
public struct VEXComponent: Sendable, Codable, Equatable {
    /// `@id`: an IRI, often a purl.
    public var id: String?
    /// `identifiers`, by type: `purl`, `cpe23`, `cpe22`.
    public var identifiers: [String: String]

    /// Creates a component.
    public init(id: String? = nil, identifiers: [String: String] = [:]) {
        self.id = id
        self.identifiers = identifiers
    }

    /// `@id` and every identifier, `@id` first, the others sorted by type.
    public var allIdentifiers: [String] {
        (id.map { [$0] } ?? []) + identifiers.sorted { $0.key < $1.key }.map(\.value)
    }
}

/// A product a statement is about, with the subcomponents in it the statement narrows itself to.
public struct VEXProduct: Sendable, Codable, Equatable {
    /// The product's identifiers.
    public var component: VEXComponent
    /// When not empty, the statement is about these parts of the product only.
    public var subcomponents: [VEXComponent]

    /// Creates a product.
    public init(_ component: VEXComponent, subcomponents: [VEXComponent] = []) {
        self.component = component
        self.subcomponents = subcomponents
    }
}

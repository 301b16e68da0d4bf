/// Reads one statement of an OpenVEX document and checks the rules the specification sets for its status.
struct VEXStatementParser {
    let node: JSONNode
    /// The statement's place in `statements`, for errors.
    let index: Int

    func statement() throws(VEXError) -> VEXStatement {
        let (vulnerability, aliases) = try self.vulnerability()
        let statusNode = try node.required("status")
        let statusText = try statusNode.string()
        guard let status = VEXStatus(rawValue: statusText) else {
            throw .unknownStatus(source: node.source, statement: index, status: statusText)
        }
        var justification: VEXJustification?
        if let text = try node.string("justification") {
            guard let label = VEXJustification(rawValue: text) else {
                throw .unknownJustification(source: node.source, statement: index, justification: text)
            }
            justification = label
        }
        let impactStatement = try node.string("impact_statement")
        let actionStatement = try node.string("action_statement")
        // The rules the specification gives for a complete statement: a scanner that hides a finding must be able
        // to say why, and an affected product must come with something to do about it.
        if status == .notAffected, justification == nil, impactStatement == nil {
            throw .missingJustification(source: node.source, statement: index)
        }
        if status == .affected, actionStatement == nil {
            throw .missingActionStatement(source: node.source, statement: index)
        }

        return VEXStatement(vulnerability: vulnerability, aliases: aliases, products: try products(), status: status,
                            justification: justification, impactStatement: impactStatement,
                            actionStatement: actionStatement, timestamp: try VEXDocument.timestamp(node),
                            source: node.source)
    }

    /// The name and aliases; v0.0.1 wrote the vulnerability as a string. The `@id` is an alias too, when it is
    /// not a URL: some writers put the identifier there.
    func vulnerability() throws(VEXError) -> (name: String, aliases: [String]) {
        let member = try node.required("vulnerability")
        if member.value is String { return (try member.string(), []) }
        let name = try member.required("name").string()
        var aliases = try member.elements("aliases").map { (alias) throws(VEXError) in try alias.string() }
        if let id = try member.string("@id"), !id.contains("://") { aliases.append(id) }
        return (name, aliases)
    }

    /// The products, each with its subcomponents; v0.0.1 wrote products as strings and listed subcomponents at
    /// the statement, for every product.
    func products() throws(VEXError) -> [VEXProduct] {
        let shared = try node.elements("subcomponents").map { (element) throws(VEXError) in try component(element) }
        return try node.elements("products").map { (element) throws(VEXError) in
            var subcomponents = try element.value is String ? [] : element.elements("subcomponents")
                .map { (sub) throws(VEXError) in try component(sub) }
            subcomponents += shared
            return VEXProduct(try component(element), subcomponents: subcomponents)
        }
    }

    /// A product or subcomponent: a bare string (v0.0.1), or `@id` and `identifiers`.
    func component(_ element: JSONNode) throws(VEXError) -> VEXComponent {
        if element.value is String { return VEXComponent(id: try element.string()) }
        var identifiers: [String: String] = [:]
        if let map = try element.member("identifiers") {
            guard let object = map.value as? [String: Any] else { throw map.wrongType("an object") }
            for key in object.keys.sorted() {
                if let value = try map.string(key) { identifiers[key] = value }
            }
        }
        let component = VEXComponent(id: try element.string("@id"), identifiers: identifiers)
        guard !component.allIdentifiers.isEmpty else {
            throw element.wrongType("a component with an @id or identifiers")
        }
        return component
    }
}

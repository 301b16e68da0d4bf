extension PackageURL {
    /// What a purl type's definition in the specification asks of its namespace and name beyond the general rules.
    struct TypeRules {
        /// The definition says the namespace is not case sensitive and must be lowercased.
        var lowercasesNamespace = false
        /// The definition says the name is not case sensitive and must be lowercased.
        var lowercasesName = false
        /// `pypi`: `_` in a name is written `-`.
        var dashesUnderscores = false

        /// The rules of `type` (lowercase); types without special rules keep their components as written.
        ///
        /// Left out on purpose: `golang`, whose definition asks for lowercase but marks both components case
        /// sensitive (Go module paths are, and the module proxy escapes capitals), and `npm`, whose definition
        /// marks names case sensitive because mixed-case packages published before 2015 still exist. Lowercasing
        /// either would name a different package.
        static func of(_ type: String) -> TypeRules {
            switch type {
            case "alpm", "apk", "bitbucket", "composer", "deb", "github", "hex":
                TypeRules(lowercasesNamespace: true, lowercasesName: true)
            case "pypi": TypeRules(lowercasesNamespace: true, lowercasesName: true, dashesUnderscores: true)
            case "qpkg", "rpm": TypeRules(lowercasesNamespace: true)
            default: TypeRules()
            }
        }

        /// `name` as the type writes it.
        func normaliseName(_ name: String) -> String {
            var name = lowercasesName ? name.lowercased() : name
            if dashesUnderscores { name = String(name.map { $0 == "_" ? "-" : $0 }) }
            return name
        }
    }
}

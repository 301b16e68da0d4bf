/// A licence expression in the syntax of SPDX 2.3 Annex D, parsed so that its identifiers can be checked against the
/// SPDX list and rewritten.
///
/// Only the syntax is checked here: `GPL-2+ or Artistic` (Debian's style, lowercase operator) does not parse, while
/// `Foo-1.0 OR MIT` parses with `Foo-1.0` unknown. Operators are matched case-sensitively, as Annex D asks.
/// `DocumentRef-` identifiers are not accepted: they would need an external document reference nobody recorded.
struct LicenseExpression: Equatable {
    /// One token of a parsed expression, with the role the grammar gave it.
    enum Token: Equatable {
        case open, close, and, or, with
        /// A licence identifier (`MIT`, `LicenseRef-x`), `+` included when written.
        case license(String)
        /// An exception identifier, after `WITH`.
        case exception(String)
    }

    /// The tokens in order.
    private(set) var tokens: [Token]

    /// Parses `text`, or returns nil when it is not an SPDX licence expression.
    init?(_ text: String) {
        guard let words = Self.split(text), !words.isEmpty else { return nil }
        var parser = Parser(words: words)
        guard let tokens = parser.parseExpression(), parser.position == words.count else { return nil }
        self.tokens = tokens
    }

    /// Whether the expression is more than one licence identifier.
    var isCompound: Bool { tokens.count > 1 }

    /// The expression with each licence and exception identifier replaced by what `license` and `exception` give.
    func rendered(license: (String) -> String, exception: (String) -> String) -> String {
        var text = ""
        for token in tokens {
            let word: String
            switch token {
            case .open: word = "("
            case .close: word = ")"
            case .and: word = "AND"
            case .or: word = "OR"
            case .with: word = "WITH"
            case .license(let identifier): word = license(identifier)
            case .exception(let identifier): word = exception(identifier)
            }
            if !text.isEmpty, !text.hasSuffix("("), word != ")" { text += " " }
            text += word
        }
        return text
    }

    /// The expression with every identifier in its listed canonical case, or nil when one is not on the SPDX list
    /// (a `LicenseRef-` counts as not listed).
    var canonical: String? {
        var allListed = true
        let text = rendered(license: { identifier in
            guard let listed = Self.listedLicense(identifier) else { allListed = false; return identifier }
            return listed
        }, exception: { identifier in
            guard let listed = SPDXLicenseList.exception(identifier) else { allListed = false; return identifier }
            return listed
        })
        return allListed ? text : nil
    }

    /// A listed licence identifier in canonical case, keeping a trailing `+` ("or later").
    static func listedLicense(_ identifier: String) -> String? {
        let orLater = identifier.hasSuffix("+")
        guard let listed = SPDXLicenseList.license(orLater ? String(identifier.dropLast()) : identifier) else {
            return nil
        }
        return listed + (orLater ? "+" : "")
    }

    /// Splits into words and parentheses; nil when a character cannot appear in an expression.
    private static func split(_ text: String) -> [String]? {
        var words: [String] = []
        var current = ""
        for character in text {
            if character == "(" || character == ")" || character.isWhitespace {
                if !current.isEmpty { words.append(current) }
                current = ""
                if !character.isWhitespace { words.append(String(character)) }
            } else if character.isASCII, character.isLetter || character.isNumber || "-.+:".contains(character) {
                current.append(character)
            } else {
                return nil
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Recursive descent over Annex D: `or := and (OR and)*`, `and := term (AND term)*`,
    /// `term := ( or ) | id [WITH exception]`.
    private struct Parser {
        let words: [String]
        var position = 0
        /// Nesting bound: a hostile string of parentheses must not exhaust the stack.
        static let maxDepth = 64
        var depth = 0

        mutating func parseExpression() -> [Token]? {
            guard var tokens = parseConjunction() else { return nil }
            while position < words.count, words[position] == "OR" {
                position += 1
                guard let next = parseConjunction() else { return nil }
                tokens += [.or] + next
            }
            return tokens
        }

        private mutating func parseConjunction() -> [Token]? {
            guard var tokens = parseTerm() else { return nil }
            while position < words.count, words[position] == "AND" {
                position += 1
                guard let next = parseTerm() else { return nil }
                tokens += [.and] + next
            }
            return tokens
        }

        private mutating func parseTerm() -> [Token]? {
            guard position < words.count else { return nil }
            let word = words[position]
            position += 1
            if word == "(" {
                depth += 1
                guard depth <= Self.maxDepth, let inner = parseExpression(), position < words.count,
                      words[position] == ")" else { return nil }
                position += 1
                depth -= 1
                return [.open] + inner + [.close]
            }
            guard Self.isIdentifier(word, allowPlus: true) else { return nil }
            var tokens: [Token] = [.license(word)]
            if position < words.count, words[position] == "WITH" {
                guard position + 1 < words.count, Self.isIdentifier(words[position + 1], allowPlus: false) else {
                    return nil
                }
                tokens += [.with, .exception(words[position + 1])]
                position += 2
            }
            return tokens
        }

        /// `idstring` of Annex D (letters, digits, `.` and `-`), optionally with a trailing `+`; not an operator.
        private static func isIdentifier(_ word: String, allowPlus: Bool) -> Bool {
            guard !["AND", "OR", "WITH", "(", ")"].contains(word) else { return false }
            let body = allowPlus && word.hasSuffix("+") ? word.dropLast() : Substring(word)
            return !body.isEmpty
                && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
        }
    }
}

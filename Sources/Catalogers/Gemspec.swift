/// What an installed gem specification (`specifications/*.gemspec`, Ruby source that RubyGems writes) says about
/// the gem, read from its literal assignments: `s.name = "rack".freeze`, `s.version = "2.2.22"` (or
/// `Gem::Version.new("…")`), `s.licenses = ["MIT".freeze]`, `s.license = %q{MIT}`. Nothing is evaluated.
struct Gemspec {
    /// The gem's name.
    var name: String
    /// The gem's version.
    var version: String
    /// Licence names, as written.
    var licenses: [String]

    /// Why a gemspec was rejected.
    enum ParseError: Error, Equatable, CustomStringConvertible {
        case lex(RubyLexer.LexError)
        case missing(attribute: String)
        case notLiteral(attribute: String)

        var description: String {
            switch self {
            case .lex(let error): "\(error)"
            case .missing(let attribute): "no '\(attribute)' assignment (as in s.\(attribute) = \"…\")"
            case .notLiteral(let attribute): "'\(attribute)' is not assigned a string literal"
            }
        }
    }

    /// Reads `bytes`; as in Ruby, the last assignment of an attribute wins.
    static func parse(_ bytes: [UInt8]) throws(ParseError) -> Gemspec {
        let tokens: [RubyToken]
        do {
            tokens = try RubyLexer.tokens(bytes)
        } catch {
            throw .lex(error)
        }
        var assigned: [String: Int] = [:]
        for index in tokens.indices.dropLast(2) {
            guard tokens[index] == .punctuation("."), case .word(let attribute) = tokens[index + 1],
                  tokens[index + 2] == .punctuation("="),
                  ["name", "version", "license", "licenses"].contains(attribute)
            else { continue }
            assigned[attribute] = index + 3
        }

        func string(_ attribute: String) throws(ParseError) -> String {
            guard let start = assigned[attribute] else { throw .missing(attribute: attribute) }
            guard let value = Self.string(in: tokens, at: start), !value.isEmpty else {
                throw .notLiteral(attribute: attribute)
            }
            return value
        }
        let name = try string("name")
        let version = try string("version")
        var licenses: [String] = []
        if let start = assigned["licenses"] { licenses = Self.strings(in: tokens, at: start) ?? [] }
        if let start = assigned["license"], let license = Self.string(in: tokens, at: start) {
            licenses = [license]
        }
        return Gemspec(name: name, version: version, licenses: licenses.filter { !$0.isEmpty })
    }

    /// A string literal, or `Gem::Version.new("…")`, starting at `start`.
    private static func string(in tokens: [RubyToken], at start: Int) -> String? {
        guard start < tokens.count else { return nil }
        if case .string(let value) = tokens[start] { return value }
        let constructor: [RubyToken] = [.word("Gem"), .punctuation("::"), .word("Version"), .punctuation("."),
                                         .word("new")]
        guard tokens.count - start > constructor.count, Array(tokens[start..<start + constructor.count]) == constructor
        else { return nil }
        var argument = start + constructor.count
        if tokens[argument] == .punctuation("(") { argument += 1 }
        guard argument < tokens.count, case .string(let value) = tokens[argument] else { return nil }
        return value
    }

    /// An array of string literals (`["MIT".freeze, "Ruby"]`, `%w[MIT Ruby]`) or one string, starting at `start`.
    private static func strings(in tokens: [RubyToken], at start: Int) -> [String]? {
        guard start < tokens.count else { return nil }
        switch tokens[start] {
        case .words(let words): return words
        case .string(let value): return value.map { [$0] }
        case .punctuation("["): break
        default: return nil
        }
        var values: [String] = []
        var index = start + 1
        while index < tokens.count {
            switch tokens[index] {
            case .punctuation("]"): return values
            case .string(let value?): values.append(value)
            case .punctuation(","), .punctuation("."), .word("freeze"): break
            default: return nil
            }
            index += 1
        }
        return nil
    }
}

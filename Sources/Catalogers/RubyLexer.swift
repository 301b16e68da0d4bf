/// One token of Ruby source, as much as reading literal values needs.
enum RubyToken: Equatable {
    /// An identifier, constant, keyword, instance variable or number.
    case word(String)
    /// A string literal; nil when it interpolates (`"#{x}"`), a heredoc or a regexp: its value needs Ruby to run.
    case string(String?)
    /// A `%w[…]` or `%i[…]` array of words.
    case words([String])
    /// Anything else: `.`, `::`, `=`, `==`, `(`, `[`, `,`, ….
    case punctuation(String)
}

/// Splits Ruby source into tokens without evaluating it: comments, string literals of every quoting (`"…"`, `'…'`,
/// `%q{…}`, `%w[…]`, heredocs) are recognised so that what looks like code inside them is never read as code.
///
/// Gemspecs come from the image and are hostile input: nothing is evaluated, every loop moves forward by at least
/// one byte, and an unterminated literal is an error naming the line it starts on.
struct RubyLexer {
    /// Why a Ruby file could not be tokenised.
    enum LexError: Error, Equatable, CustomStringConvertible {
        case unterminatedString(line: Int)
        case unterminatedHeredoc(terminator: String, line: Int)

        var description: String {
            switch self {
            case .unterminatedString(let line): "line \(line): a string literal that never ends"
            case .unterminatedHeredoc(let terminator, let line):
                "line \(line): a heredoc whose terminator '\(terminator)' never comes"
            }
        }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var atLineStart = true
    private var heredocs: [(terminator: String, indented: Bool, line: Int)] = []
    private var tokens: [RubyToken] = []

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The tokens of `bytes`, up to `__END__` if there is one.
    static func tokens(_ bytes: [UInt8]) throws(LexError) -> [RubyToken] {
        var lexer = RubyLexer(bytes)
        try lexer.run()
        return lexer.tokens
    }

    private mutating func run() throws(LexError) {
        while index < bytes.count {
            let byte = bytes[index]
            let startsLine = atLineStart
            atLineStart = false
            switch byte {
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                atLineStart = true
                try skipHeredocBodies()
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
                atLineStart = startsLine
            case UInt8(ascii: "\\") where peek(1) == UInt8(ascii: "\n"):
                index += 2
                line += 1
            case UInt8(ascii: "#"):
                skipToEndOfLine()
            case UInt8(ascii: "=") where startsLine && starts(with: "=begin"):
                skipBlockComment()
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                tokens.append(.string(try quoted(open: nil, close: byte, interpolates: true)))
            case UInt8(ascii: "'"):
                tokens.append(.string(try quoted(open: nil, close: byte, interpolates: false)))
            case UInt8(ascii: "%"):
                try percentLiteral()
            case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "<"):
                heredocOrShift()
            case UInt8(ascii: ":") where peek(1) == UInt8(ascii: ":"):
                tokens.append(.punctuation("::"))
                index += 2
            case UInt8(ascii: "=") where [UInt8(ascii: "="), UInt8(ascii: "~"), UInt8(ascii: ">")].contains(peek(1)):
                tokens.append(.punctuation("=" + String(UnicodeScalar(peek(1)!))))
                index += 2
            case _ where Self.isWordByte(byte):
                let word = readWord()
                if startsLine && word == "__END__" { return }
                tokens.append(.word(word))
            default:
                tokens.append(.punctuation(String(UnicodeScalar(byte))))
                index += 1
            }
        }
        if let pending = heredocs.first {
            throw .unterminatedHeredoc(terminator: pending.terminator, line: pending.line)
        }
    }

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private func starts(with text: String) -> Bool {
        let expected = Array(text.utf8)
        return bytes.count - index >= expected.count && Array(bytes[index..<index + expected.count]) == expected
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: "$"):
            true
        default: false
        }
    }

    private mutating func readWord() -> String {
        let start = index
        while index < bytes.count && Self.isWordByte(bytes[index]) { index += 1 }
        // Predicate and bang methods (`respond_to?`, `freeze!`) carry their mark.
        if let last = peek(0), last == UInt8(ascii: "?") || last == UInt8(ascii: "!"), peek(1) != UInt8(ascii: "=") {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipToEndOfLine() {
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
    }

    /// `=begin` … `=end`, each at the start of a line; an unterminated one runs to the end of the file, as in Ruby.
    private mutating func skipBlockComment() {
        while index < bytes.count {
            skipToEndOfLine()
            guard index < bytes.count else { return }
            index += 1
            line += 1
            if starts(with: "=end") {
                skipToEndOfLine()
                return
            }
        }
    }

    /// A literal from its opening delimiter (at `index`) to its closing one; nil if it interpolates. `open` is set
    /// for bracket pairs, which nest inside the literal as in Ruby (`%q{a{b}c}`).
    private mutating func quoted(open: UInt8?, close: UInt8, interpolates: Bool) throws(LexError) -> String? {
        let startLine = line
        var value: [UInt8] = []
        var interpolated = false
        var depth = 0
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw .unterminatedString(line: startLine) }
                let escaped = bytes[index]
                index += 1
                if escaped == UInt8(ascii: "\n") { line += 1 }
                if interpolates {
                    value.append(Self.unescape(escaped))
                } else if escaped == close || escaped == UInt8(ascii: "\\") || escaped == open {
                    value.append(escaped)
                } else {
                    value += [byte, escaped]
                }
            case UInt8(ascii: "#") where interpolates && peek(0) == UInt8(ascii: "{"):
                interpolated = true
                try skipInterpolation(startLine: startLine)
            case close where depth == 0:
                return interpolated ? nil : String(decoding: value, as: UTF8.self)
            default:
                if byte == close { depth -= 1 } else if byte == open { depth += 1 }
                if byte == UInt8(ascii: "\n") { line += 1 }
                value.append(byte)
            }
        }
        throw .unterminatedString(line: startLine)
    }

    /// `#{…}` inside a string, from its `{`: braces counted, nothing inside evaluated.
    private mutating func skipInterpolation(startLine: Int) throws(LexError) {
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "}") { depth -= 1 }
            if byte == UInt8(ascii: "\n") { line += 1 }
            if depth == 0 { return }
        }
        throw .unterminatedString(line: startLine)
    }

    private static func unescape(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): UInt8(ascii: "\n")
        case UInt8(ascii: "t"): UInt8(ascii: "\t")
        case UInt8(ascii: "r"): UInt8(ascii: "\r")
        case UInt8(ascii: "0"): 0
        case UInt8(ascii: "s"): UInt8(ascii: " ")
        default: byte
        }
    }

    /// `%q{…}`, `%Q(…)`, `%w[…]`, `%i<…>`, `%r{…}`, `%{…}`; a `%` that opens none of them is an operator.
    private mutating func percentLiteral() throws(LexError) {
        var kind = UInt8(ascii: "Q")
        var delimiterOffset = 1
        if let letter = peek(1), Array("qQwWiIrsx".utf8).contains(letter) {
            kind = letter
            delimiterOffset = 2
        }
        let pairs: [UInt8: UInt8] = [UInt8(ascii: "{"): UInt8(ascii: "}"), UInt8(ascii: "("): UInt8(ascii: ")"),
                                     UInt8(ascii: "["): UInt8(ascii: "]"), UInt8(ascii: "<"): UInt8(ascii: ">")]
        // With no letter only bracket delimiters open a literal, so `a % b` and `a %b` stay arithmetic.
        let allowed = delimiterOffset == 2 ? Array("{([<|!/^~-+.:;,".utf8) : Array("{([<|".utf8)
        guard let delimiter = peek(delimiterOffset), allowed.contains(delimiter) else {
            tokens.append(.punctuation("%"))
            index += 1
            return
        }
        index += delimiterOffset
        let interpolates = Array("QWIrx".utf8).contains(kind)
        let value = try quoted(open: pairs[delimiter] == nil ? nil : delimiter, close: pairs[delimiter] ?? delimiter,
                               interpolates: interpolates)
        switch kind {
        case UInt8(ascii: "w"), UInt8(ascii: "W"), UInt8(ascii: "i"), UInt8(ascii: "I"):
            let words = value.map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
            tokens.append(words.map { .words($0) } ?? .string(nil))
        case UInt8(ascii: "r"), UInt8(ascii: "x"): tokens.append(.string(nil))
        default: tokens.append(.string(value))
        }
    }

    /// `<<~EOS`, `<<-EOS`, `<<EOS` or `<<"EOS"` start a heredoc whose body follows the current line; anything
    /// else is the `<<` operator (`s.files << "x"`).
    private mutating func heredocOrShift() {
        var cursor = index + 2
        var indented = false
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "~") || bytes[cursor] == UInt8(ascii: "-") {
            indented = true
            cursor += 1
        }
        var terminator: [UInt8] = []
        if cursor < bytes.count, [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`")].contains(bytes[cursor]) {
            let quote = bytes[cursor]
            var end = cursor + 1
            while end < bytes.count && bytes[end] != quote && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < bytes.count && bytes[end] == quote && end > cursor + 1 {
                terminator = Array(bytes[cursor + 1..<end])
                cursor = end + 1
            }
        } else if cursor < bytes.count, indented || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[cursor]) {
            var end = cursor
            while end < bytes.count && Self.isWordByte(bytes[end]) && bytes[end] != UInt8(ascii: "@")
                && bytes[end] != UInt8(ascii: "$") { end += 1 }
            terminator = Array(bytes[cursor..<end])
            cursor = end
        }
        guard !terminator.isEmpty else {
            tokens.append(.punctuation("<<"))
            index += 2
            return
        }
        heredocs.append((String(decoding: terminator, as: UTF8.self), indented, line))
        tokens.append(.string(nil))
        index = cursor
    }

    /// After a line that opened heredocs, their bodies, each up to a line holding only its terminator.
    private mutating func skipHeredocBodies() throws(LexError) {
        while let heredoc = heredocs.first {
            var found = false
            while index < bytes.count && !found {
                let start = index
                skipToEndOfLine()
                var body = bytes[start..<index]
                if index < bytes.count { index += 1 }
                line += 1
                if heredoc.indented { body = body.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }
                if body.last == UInt8(ascii: "\r") { body = body.dropLast() }
                found = String(decoding: body, as: UTF8.self) == heredoc.terminator
            }
            guard found else { throw .unterminatedHeredoc(terminator: heredoc.terminator, line: heredoc.line) }
            heredocs.removeFirst()
        }
    }
}

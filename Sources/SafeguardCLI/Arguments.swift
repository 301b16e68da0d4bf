/// Command-line arguments, parsed by hand (no outside packages can be fetched): GNU-style `--name value`,
/// `--name=value`, short flags, and `--` to end options.
struct Arguments {
    /// The options a command accepts, and whether each takes a value.
    struct Spec {
        var flags: Set<String>
        var valued: Set<String>
        var repeatable: Set<String> = []
        /// Short aliases, e.g. `-q` → `--quiet`.
        var aliases: [String: String] = [:]
    }

    private(set) var positional: [String] = []
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []

    init(_ arguments: [String], spec: Spec) throws {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                positional.append(argument)
                continue
            }
            if argument == "--" { optionsEnded = true; continue }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            name = spec.aliases[name] ?? name
            if spec.flags.contains(name) {
                guard inlineValue == nil else { throw UsageError("\(name) takes no value") }
                flags.insert(name)
            } else if spec.valued.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else { throw UsageError("\(name) needs a value") }
                    value = arguments[index]
                    index += 1
                }
                if values[name] != nil, !spec.repeatable.contains(name) {
                    throw UsageError("\(name) given more than once")
                }
                values[name, default: []].append(value)
            } else {
                throw UsageError("unknown option '\(name)'")
            }
        }
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }
}

/// A mistake in how the command was called; exits with the usage status.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

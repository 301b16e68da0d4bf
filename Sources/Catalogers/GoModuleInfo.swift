/// The modules a Go binary was built from, as `cmd/go` lists them in the build information text (the lines
/// `runtime/debug.ParseBuildInfo` reads): `path\t<main package>`, `mod\t<path>\t<version>\t<sum>`, `dep\t…` for each
/// dependency, `=>\t<path>\t<version>\t<sum>` replacing the module on the line before, and `build\t<key>=<value>`.
struct GoModuleInfo: Equatable {
    /// A module and, when a `replace` directive applied, what replaced it.
    struct Module: Equatable {
        var path: String
        var version: String
        var replacement: Replacement?
    }

    /// The module or directory a `replace` directive put in a module's place.
    struct Replacement: Equatable {
        var path: String
        var version: String
    }

    /// Why a line of the module information was rejected.
    enum ParseError: Error, CustomStringConvertible, Equatable {
        case columns(line: Int, tag: String, count: Int)
        case orphanReplacement(line: Int)

        var description: String {
            switch self {
            case .columns(let line, let tag, let count):
                "Go module information line \(line): '\(tag)' has \(count) columns, expected 2 or 3"
            case .orphanReplacement(let line):
                "Go module information line \(line): a replacement follows no module"
            }
        }
    }

    /// The main package's import path.
    var mainPackage: String?
    /// The module holding the main package, if the binary was built in module mode.
    var main: Module?
    /// The dependencies, in the order listed.
    var dependencies: [Module] = []

    /// Parses the module information text; unknown lines and `build` settings are skipped, as newer toolchains may
    /// add lines.
    init(parsing text: String) throws(ParseError) {
        var lastWasDependency = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let number = index + 1
            switch columns[0] {
            case "path" where columns.count >= 2:
                mainPackage = columns[1]
            case "mod":
                main = try Self.module(columns, line: number)
                lastWasDependency = false
            case "dep":
                dependencies.append(try Self.module(columns, line: number))
                lastWasDependency = true
            case "=>":
                guard columns.count == 3 || columns.count == 4 else {
                    throw .columns(line: number, tag: "=>", count: columns.count - 1)
                }
                let replacement = Replacement(path: columns[1], version: columns[2])
                if lastWasDependency, !dependencies.isEmpty {
                    dependencies[dependencies.count - 1].replacement = replacement
                } else if main != nil, !lastWasDependency {
                    main?.replacement = replacement
                } else {
                    throw .orphanReplacement(line: number)
                }
            default:
                continue
            }
        }
    }

    private static func module(_ columns: [String], line: Int) throws(ParseError) -> Module {
        guard columns.count == 3 || columns.count == 4 else {
            throw .columns(line: line, tag: columns[0], count: columns.count - 1)
        }
        return Module(path: columns[1], version: columns[2])
    }
}

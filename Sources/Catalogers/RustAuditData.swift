/// The dependency list `cargo auditable` embeds in a Rust executable: the ELF section `.dep-v0`, holding
/// zlib-compressed JSON `{"packages": [{"name", "version", "source", "kind"?, "dependencies"?, "root"?}, …]}`
/// where `kind` is `build` or `runtime` (the default) and `dependencies` are indices into `packages`.
struct RustAuditData: Equatable {
    /// One crate of the dependency tree.
    struct Crate: Equatable {
        /// The crate name, e.g. `serde`.
        var name: String
        /// The exact version, e.g. `1.0.197`.
        var version: String
        /// Where it came from: `crates.io`, `local`, `git`, `registry` or another word the writer chose.
        var source: String
        /// Whether it was only needed to build (a build script's dependency), not compiled into the program.
        var isBuildOnly: Bool
        /// Indices into `crates` of the crates it depends on, each checked to be in range.
        var dependencies: [Int]
        /// Whether it is the crate the executable was built from.
        var isRoot: Bool
    }

    /// Every crate, in the order the list names them.
    var crates: [Crate]

    /// Why a Rust executable's dependency list could not be read.
    enum ParseError: Error, CustomStringConvertible, Equatable {
        case elf(String)
        case sectionTooLarge(size: Int, limit: Int)
        case inflate(ZlibStream.InflateError)
        case json(String)
        case shape(String)
        case tooManyCrates(count: Int, limit: Int)
        case dependencyOutOfRange(crate: Int, index: Int, count: Int)

        var description: String {
            let what = "cargo-auditable dependency list (\(RustAuditData.sectionName))"
            switch self {
            case .elf(let message): return message
            case .sectionTooLarge(let size, let limit):
                return "\(what) is \(size) bytes compressed, over the \(limit)-byte limit"
            case .inflate(let error): return "\(what): \(error)"
            case .json(let message): return "\(what) is not JSON: \(message)"
            case .shape(let message): return "\(what) is not in the expected shape: \(message)"
            case .tooManyCrates(let count, let limit):
                return "\(what) lists \(count) crates, over the limit of \(limit)"
            case .dependencyOutOfRange(let crate, let index, let count):
                return "\(what): crate \(crate) depends on crate \(index), but only \(count) are listed"
            }
        }
    }

    /// The ELF section `cargo auditable` writes the list to; the `v0` names the format, which is still this one.
    static let sectionName = ".dep-v0"
    /// The largest compressed section kept. Real lists compress to a few KB (about 400 crates, the size of the
    /// largest Rust programs in common images, take under 10 KB); 1 MiB is a hundred times that.
    static let maxCompressedSize = 1 << 20
    /// The largest list inflated. A crate takes 60–120 bytes of JSON, so 400 crates are about 40 KB; 8 MiB is two
    /// hundred times that and bounds what a zlib bomb of a few KB can make the scanner hold.
    static let maxJSONSize = 8 << 20
    /// The most crates read from one list: the largest real workspaces list under 2,000.
    static let maxCrates = 20_000

    /// Parses the inflated JSON.
    ///
    /// Why every field is checked by hand: the JSON is the file's to choose. Any value of the wrong type, an index
    /// out of range or a count past `maxCrates` is an error naming the crate, never a crash or a dangling index.
    init(json bytes: [UInt8]) throws(ParseError) {
        let document: Any
        do { document = try JSONDocument.parse(bytes) } catch { throw .json(error.description) }
        guard let object = document as? [String: Any], let packages = object["packages"] as? [Any] else {
            throw .shape("no \"packages\" array at the top level")
        }
        guard packages.count <= Self.maxCrates else {
            throw .tooManyCrates(count: packages.count, limit: Self.maxCrates)
        }
        var crates: [Crate] = []
        crates.reserveCapacity(packages.count)
        for (index, entry) in packages.enumerated() {
            crates.append(try Self.crate(entry, at: index, of: packages.count))
        }
        self.crates = crates
    }

    /// The crate `entry` at `index` of a list of `count`.
    private static func crate(_ entry: Any, at index: Int, of count: Int) throws(ParseError) -> Crate {
        guard let fields = entry as? [String: Any] else { throw .shape("package \(index) is not an object") }
        func text(_ key: String) throws(ParseError) -> String {
            guard let value = fields[key] as? String, !value.isEmpty else {
                throw .shape("package \(index) has no \"\(key)\" string")
            }
            return value
        }
        let kind = fields["kind"] ?? "runtime"
        guard let kind = kind as? String, kind == "runtime" || kind == "build" else {
            throw .shape("package \(index) has a \"kind\" other than \"build\" or \"runtime\"")
        }
        guard let listed = (fields["dependencies"] ?? [Any]()) as? [Any] else {
            throw .shape("package \(index) has \"dependencies\" that are not an array")
        }
        var dependencies: [Int] = []
        for value in listed {
            guard let dependency = value as? Int else {
                throw .shape("package \(index) has a dependency that is not an integer index")
            }
            guard (0..<count).contains(dependency) else {
                throw .dependencyOutOfRange(crate: index, index: dependency, count: count)
            }
            dependencies.append(dependency)
        }
        guard let isRoot = (fields["root"] ?? false) as? Bool else {
            throw .shape("package \(index) has a \"root\" that is not a boolean")
        }
        return Crate(name: try text("name"), version: try text("version"), source: try text("source"),
                     isBuildOnly: kind == "build", dependencies: dependencies, isRoot: isRoot)
    }
}

import SBOM

/// Looks packages up by name and by the files they installed, to resolve dependencies.
struct PackageIndex {
    private let packages: [Package]
    /// (ecosystem, normalised name) → package indices, in SBOM order.
    private let byName: [String: [Int]]
    /// (ecosystem, virtual name) → indices of packages that provide it (dpkg `Provides`, apk `p:`).
    private let providedBy: [String: [Int]]
    /// File name → (package index, root-relative path) for every recorded file.
    private let byFileName: [String: [(package: Int, path: String)]]

    /// Indexes `packages`.
    init(_ packages: [Package]) {
        self.packages = packages
        var byName: [String: [Int]] = [:]
        var byFileName: [String: [(package: Int, path: String)]] = [:]
        var providedBy: [String: [Int]] = [:]
        for (index, package) in packages.enumerated() {
            byName[Self.key(package.type, package.name), default: []].append(index)
            // A virtual name counts after real packages of that name, which the loop below adds first or later.
            for virtual in package.provides where virtual != package.name {
                providedBy[Self.key(package.type, virtual), default: []].append(index)
            }
            for file in package.files {
                let fileName = String(file.path.split(separator: "/").last ?? "")
                byFileName[fileName, default: []].append((index, file.path.drop { $0 == "/" }.description))
            }
        }
        self.byName = byName
        self.byFileName = byFileName
        self.providedBy = providedBy
    }

    /// The package that satisfies `requirement` for `dependent`, if one is installed.
    func provider(of requirement: DependencyGraph.Requirement, for dependent: Package) -> Int? {
        switch requirement {
        case .name(let name, let architecture):
            let candidates = byName[Self.key(dependent.type, name)] ?? []
            let wanted = architecture ?? dependent.architecture
            return candidates.first { packages[$0].architecture == wanted }
                ?? candidates.first { ["all", "noarch", nil].contains(packages[$0].architecture) }
                ?? (architecture == nil ? candidates.first : nil)
                ?? providedBy[Self.key(dependent.type, name)]?.first
        case .exact(let name, let version):
            let candidates = byName[Self.key(dependent.type, name)] ?? []
            return candidates.first { packages[$0].version == version } ?? candidates.first
        case .file(let path):
            let fileName = String(path.split(separator: "/").last ?? "")
            return sameType(byFileName[fileName] ?? [], as: dependent).first { $0.path == path }?.package
        case .provided(let kind, let name):
            let prefix = kind == .sharedObject ? "so:" : kind == .command ? "cmd:" : "pc:"
            if let provider = providedBy[Self.key(dependent.type, prefix + name)]?.first { return provider }
            let fileName = kind == .pkgConfig ? name + ".pc" : name
            return sameType(byFileName[fileName] ?? [], as: dependent).first { Self.matches($0.path, kind) }?.package
        }
    }

    private func sameType(_ files: [(package: Int, path: String)], as dependent: Package)
        -> [(package: Int, path: String)] {
        files.filter { packages[$0.package].type == dependent.type }
    }

    private static func matches(_ path: String, _ kind: DependencyGraph.FileKind) -> Bool {
        let directory = path.split(separator: "/").dropLast().last ?? ""
        switch kind {
        case .sharedObject: return true
        case .command: return directory == "bin" || directory == "sbin"
        case .pkgConfig: return directory == "pkgconfig"
        }
    }

    /// Names compare as their ecosystem compares them: PyPI folds case and runs of `-`, `_`, `.` (PEP 503).
    private static func key(_ type: PackageType, _ name: String) -> String {
        guard type == .pypi else { return type.rawValue + "/" + name }
        var folded = ""
        for character in name.lowercased() {
            if "-_.".contains(character) {
                if !folded.hasSuffix("-") { folded += "-" }
            } else {
                folded.append(character)
            }
        }
        return type.rawValue + "/" + folded
    }
}

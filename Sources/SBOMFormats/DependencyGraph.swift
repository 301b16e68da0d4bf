import Foundation
import SBOM

/// Which packages of an SBOM each package depends on, resolved from the names its database records.
///
/// The rule, the same for both formats:
/// - dpkg `Depends`/`Pre-Depends`: each comma-separated clause names alternatives `a | b`; the first alternative
///   that is installed wins. Version constraints `(>= 2.34)`, architecture lists `[amd64]`, build profiles `<!nocheck>`
///   and multiarch qualifiers `:any`/`:amd64` are dropped from the name.
/// - apk `D:`: space-separated; `!name` (a conflict) is skipped, and `name>=1.2`, `name=1.2`, `name~1.2` keep the name.
///   `so:`, `cmd:` and `pc:` names and absolute paths resolve to the package that installed the matching file.
/// - cargo: `name version`, as `Cargo.lock` writes a dependency, resolves to that exact version when it is
///   installed (a program often holds two major versions of one crate), else to any version of the name.
/// - other ecosystems: the leading name of each entry; an entry guarded by an `extra ==` marker is optional, and
///   skipped.
/// A dependency resolves only within the same ecosystem, prefers a package of the same architecture, and a package
/// never depends on itself.
///
/// A name no installed package has resolves to a package that `provides` it (a Debian virtual package such as `awk`,
/// an apk `so:`/`cmd:` name), then for apk to the package that installed a matching file.
struct DependencyGraph {
    /// For each package (by index into the SBOM's packages), the indices of those it depends on, ascending.
    let dependencies: [[Int]]

    /// Resolves every package's recorded dependencies against the other packages.
    init(_ packages: [Package]) {
        let index = PackageIndex(packages)
        dependencies = packages.indices.map { dependent in
            var resolved = Set<Int>()
            for clause in Self.clauses(of: packages[dependent]) {
                for alternative in clause {
                    guard let provider = index.provider(of: alternative, for: packages[dependent]) else { continue }
                    if provider != dependent { resolved.insert(provider) }
                    break
                }
            }
            return resolved.sorted()
        }
    }

    /// A package's requirements: clauses that each must be met by one of their alternatives.
    static func clauses(of package: Package) -> [[Requirement]] {
        switch package.type {
        case .deb:
            return package.dependencies.flatMap { $0.split(separator: ",") }.map { clause in
                clause.split(separator: "|").compactMap { debianRequirement(String($0)) }
            }.filter { !$0.isEmpty }
        case .apk:
            return package.dependencies.flatMap { $0.split(whereSeparator: \.isWhitespace) }
                .compactMap { apkRequirement(String($0)) }.map { [$0] }
        case .cargo:
            return package.dependencies.compactMap { cargoRequirement($0) }.map { [$0] }
        default:
            return package.dependencies.compactMap { genericRequirement($0) }.map { [$0] }
        }
    }

    /// `libc6:any (>= 2.34) [amd64] <!nocheck>` → `libc6`, any architecture.
    static func debianRequirement(_ text: String) -> Requirement? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let name = trimmed.prefix { !" ([<".contains($0) }
        guard !name.isEmpty else { return nil }
        let parts = name.split(separator: ":", maxSplits: 1)
        let architecture = parts.count == 2 && parts[1] != "any" ? String(parts[1]) : nil
        return .name(String(parts[0]), architecture: architecture)
    }

    /// `so:libc.musl-x86_64.so.1`, `/bin/sh`, `busybox>=1.36` → what provides it; `!conflict` → nil.
    static func apkRequirement(_ text: String) -> Requirement? {
        guard !text.hasPrefix("!") else { return nil }
        let name = String(text.prefix { !"<>=~".contains($0) })
        guard !name.isEmpty else { return nil }
        if name.hasPrefix("/") { return .file(path: String(name.dropFirst())) }
        for (prefix, kind) in [("so:", FileKind.sharedObject), ("cmd:", .command), ("pc:", .pkgConfig)]
        where name.hasPrefix(prefix) {
            return .provided(kind, name: String(name.dropFirst(prefix.count)))
        }
        return .name(name, architecture: nil)
    }

    /// `serde 1.0.197` → that version of `serde`; `serde` → any version.
    static func cargoRequirement(_ text: String) -> Requirement? {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard let name = words.first else { return nil }
        guard words.count > 1 else { return .name(String(name), architecture: nil) }
        return .exact(String(name), version: String(words[1]))
    }

    /// `requests (>=2.0)`, `urllib3<3,>=1.21.1`, `@scope/name@^1` → the leading name; optional extras → nil.
    static func genericRequirement(_ text: String) -> Requirement? {
        if let marker = text.firstIndex(of: ";"), text[marker...].contains("extra") { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let first = trimmed.first.map { $0 == "@" ? 1 : 0 } ?? 0
        let name = trimmed.prefix(first) + trimmed.dropFirst(first).prefix {
            $0.isLetter || $0.isNumber || "._-/:".contains($0)
        }
        return name.isEmpty ? nil : .name(String(name), architecture: nil)
    }

    /// One way to satisfy a dependency.
    enum Requirement: Equatable {
        /// A package of this name, on this architecture when one is named.
        case name(String, architecture: String?)
        /// A package of this name, preferably of this exact version.
        case exact(String, version: String)
        /// The package that installed this root-relative path.
        case file(path: String)
        /// The package that installed a file of this kind and name.
        case provided(FileKind, name: String)
    }

    /// Kinds of file apk derives `Provides` from.
    enum FileKind {
        /// A shared library, found by its file name (`so:`).
        case sharedObject
        /// An executable in a `bin` or `sbin` directory (`cmd:`).
        case command
        /// A pkg-config file, `NAME.pc` (`pc:`).
        case pkgConfig
    }
}

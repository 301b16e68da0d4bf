import LayerPass
import SBOM

/// Go modules compiled into ELF executables, read from the build information the Go linker embeds: the main
/// module, every dependency (with `replace` directives applied) and the Go standard library as `stdlib`, named as
/// syft names it. Binaries from Go 1.13 to 1.17, whose build information sits behind pointers into the data
/// segment, are read too. Windows (PE) and macOS (Mach-O) binaries are not read.
public struct GoBinaryCataloger: Cataloger {
    public let name = "go-binary"

    /// The largest executable kept. Go binaries are statically linked and large: 10–60 MiB is usual, and the
    /// biggest in common images (kubelet, the Docker daemon, Terraform providers) stay under 200 MiB. 256 MiB keeps
    /// those and bounds what one hostile file can make the pass hold.
    static let maxBinarySize: Int64 = 256 << 20
    /// Any of the owner, group or other execute bits.
    static let executeBits: UInt32 = 0o111
    /// How purls name the Go toolchain's packages, as syft does.
    static let standardLibraryName = "stdlib"

    /// Every regular executable, wherever it is: a Go binary can be dropped anywhere, and a scanner that only
    /// looked in `usr/bin` would miss the ones hidden elsewhere. The request can only select by metadata, so the
    /// pass reads each executable whole and keeps it only when it is ELF and holds the build information magic.
    ///
    /// What that costs: one executable at a time while reading; of each Go binary only its build information is
    /// kept (`GoBuildInfo.reduced`), a few KB instead of tens of MB. Keeping a prefix instead would not work: the
    /// build information sits in the data segment, after the code, and the section table is at the end of the file.
    public var requests: [FileRequest] {
        [FileRequest(analyzer: name, maxSize: Self.maxBinarySize, selecting: Self.isExecutable,
                     keeping: GoBuildInfo.mayBeGoBinary, reducing: GoBuildInfo.reduced)]
    }

    /// Creates the cataloger.
    public init() {}

    /// Whether the entry is a regular file with an execute bit.
    static func isExecutable(_ entry: FileEntry) -> Bool {
        entry.kind == .file && entry.mode & executeBits != 0
    }

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        var output = CatalogOutput()
        for path in files.paths {
            guard let bytes = files.contents(of: path) else { continue }
            if let info = GoBuildInfo(reduced: bytes) {
                do { output.packages += try Self.packages(from: info, at: path) } catch {
                    output.warnings.append(files.warning(name, path, "\(error)"))
                }
                continue
            }
            guard ELFImage.hasIdentification(bytes) else { continue }
            do {
                guard let info = try GoBuildInfo.read(elf: bytes) else { continue }
                output.packages += try Self.packages(from: info, at: path)
            } catch {
                output.warnings.append(files.warning(name, path, "\(error)"))
            }
        }
        output.packages = output.packages.mergingDuplicates()
        return output
    }

    /// The packages one binary's build information lists: the toolchain, the main module, the dependencies.
    static func packages(from info: GoBuildInfo, at path: String) throws -> [Package] {
        let modules = try GoModuleInfo(parsing: info.moduleInfo)
        var packages: [Package] = []
        if let toolchain = toolchainVersion(info.goVersion) {
            packages.append(package(name: standardLibraryName, version: toolchain, at: path))
        }
        // The main module of a `go build` from a checkout is `(devel)`: kept as is, it says the version is unknown.
        for module in [modules.main].compactMap({ $0 }) + modules.dependencies where !module.path.isEmpty {
            let (name, version) = resolved(module)
            packages.append(package(name: name, version: version, at: path))
        }
        return packages
    }

    /// The module a `replace` directive put in place, or the module itself. A replacement by a local directory
    /// (`./fork`, `../x`, `/src/x`) has no module identity of its own, so the original path and version are kept.
    static func resolved(_ module: GoModuleInfo.Module) -> (name: String, version: String) {
        guard let replacement = module.replacement, !replacement.path.isEmpty else {
            return (module.path, module.version)
        }
        let isDirectory = replacement.path.hasPrefix("./") || replacement.path.hasPrefix("../")
            || replacement.path.hasPrefix("/") || replacement.path == "." || replacement.path == ".."
        return isDirectory ? (module.path, module.version) : (replacement.path, replacement.version)
    }

    /// `go1.21.3` → `1.21.3`; a version with experiments (`go1.21.3 X:boringcrypto`) loses them. Nil when unknown.
    static func toolchainVersion(_ goVersion: String) -> String? {
        let word = goVersion.split(separator: " ").first.map(String.init) ?? ""
        guard word.hasPrefix("go"), word.count > 2 else { return nil }
        return String(word.dropFirst(2))
    }

    private static func package(name: String, version: String, at path: String) -> Package {
        let slash = name.lastIndex(of: "/")
        let purl = PackageURL(type: "golang", namespace: slash.map { String(name[..<$0]) },
                              name: slash.map { String(name[name.index(after: $0)...]) } ?? name,
                              version: version)
        return Package(name: name, version: version, type: .golang, purl: purl.description, locations: [path])
    }
}

import LayerPass
import SBOM

/// Rust crates compiled into ELF executables built with `cargo auditable`, read from the dependency list it embeds
/// (`RustAuditData`), named as syft's `cargo-auditable-binary-cataloger` names them: `pkg:cargo/NAME@VERSION`.
///
/// As syft does, crates only needed to build (`"kind": "build"`) are left out, since they are not in the program;
/// the executable's own crate and other local crates are listed. Each crate records the runtime crates it depends
/// on as `Cargo.lock` names them, `name version`, since a program often holds two versions of one crate.
///
/// Executables built without `cargo auditable` carry no list, so their crates are not found; nor are those of
/// Windows (PE) and macOS (Mach-O) executables, nor the list of a WebAssembly module.
public struct RustAuditableCataloger: Cataloger {
    public let name = "rust-cargo-auditable"

    /// Like Go programs, Rust programs are statically linked against their crates; the largest in common images
    /// stay well under 200 MiB, so the Go cataloger's bound serves here too.
    static let maxBinarySize: Int64 = GoBinaryCataloger.maxBinarySize

    /// Every regular executable, wherever it is, of which the pass keeps the ELF files with a `.dep-v0` section,
    /// and of those only the compressed list (`RustAuditData.reduced`). The request is asked after the Go
    /// cataloger's, so an executable that looks like both is kept once, for Go.
    public var requests: [FileRequest] {
        [FileRequest(analyzer: name, maxSize: Self.maxBinarySize, selecting: GoBinaryCataloger.isExecutable,
                     keeping: RustAuditData.mayBeAuditable, reducing: RustAuditData.reduced)]
    }

    /// Creates the cataloger.
    public init() {}

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        var output = CatalogOutput()
        for path in files.paths {
            guard let bytes = files.contents(of: path), let list = RustAuditData.compressedList(in: bytes) else {
                continue
            }
            do {
                output.packages += Self.packages(from: try RustAuditData(compressed: list.get()), at: path)
            } catch {
                output.warnings.append(files.warning(name, path, "\(error)"))
            }
        }
        output.packages = output.packages.mergingDuplicates()
        return output
    }

    /// The runtime crates of one executable's list, each with the runtime crates it depends on as `name version`.
    static func packages(from data: RustAuditData, at path: String) -> [Package] {
        let crates = data.crates
        return crates.filter { !$0.isBuildOnly }.map { crate in
            var dependencies: [String] = []
            // A set, since a hostile list may name thousands of dependencies for one crate.
            var seen: Set<String> = []
            for index in crate.dependencies where !crates[index].isBuildOnly {
                let dependency = crates[index].name + " " + crates[index].version
                if seen.insert(dependency).inserted { dependencies.append(dependency) }
            }
            let purl = PackageURL(type: "cargo", name: crate.name, version: crate.version)
            return Package(name: crate.name, version: crate.version, type: .cargo, purl: purl.description,
                           locations: [path], dependencies: dependencies)
        }
    }
}

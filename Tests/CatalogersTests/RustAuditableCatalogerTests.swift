@testable import Catalogers
import Foundation
import ImageModel
import LayerPass
import SBOM
import TestSupport
import Testing

@Suite(.enabled(if: RustAuditableFixture.toolsExist, "needs rustc, objcopy and python3 (scripts/setup.sh)"))
struct RustAuditableCatalogerTests {
    /// A list shaped like a real one: the program's own crate (local, root), crates from crates.io and git, and a
    /// build-only crate (a build script's dependency) that depends on a runtime crate.
    static let list = """
        {"packages": [
          {"name": "app", "version": "0.3.0", "source": "local", "dependencies": [1, 2, 4, 5], "root": true},
          {"name": "serde", "version": "1.0.197", "source": "crates.io", "dependencies": [3]},
          {"name": "serde_json", "version": "1.0.114", "source": "crates.io", "dependencies": [1, 3]},
          {"name": "itoa", "version": "1.0.10", "source": "crates.io"},
          {"name": "cc", "version": "1.0.90", "source": "crates.io", "kind": "build", "dependencies": [3]},
          {"name": "fork", "version": "0.1.0", "source": "git", "kind": "runtime", "dependencies": []}
        ]}
        """

    @Test func listsTheRuntimeCratesOfTheEmbeddedListWithTheirDependencies() throws {
        let program = try RustAuditableFixture.program(list: Self.list)
        let output = RustAuditableCataloger().catalog(view(bytes: ["usr/local/bin/app": program]))

        #expect(output.warnings.isEmpty)
        // The build-only crate `cc` is not in the program, so it is not listed, nor named as a dependency.
        #expect(output.packages.map(\.purl) == [
            "pkg:cargo/app@0.3.0", "pkg:cargo/serde@1.0.197", "pkg:cargo/serde_json@1.0.114",
            "pkg:cargo/itoa@1.0.10", "pkg:cargo/fork@0.1.0",
        ])
        #expect(output.packages.map(\.dependencies) == [
            ["serde 1.0.197", "serde_json 1.0.114", "fork 0.1.0"], ["itoa 1.0.10"], ["serde 1.0.197", "itoa 1.0.10"],
            [], [],
        ])
        #expect(output.packages.allSatisfy {
            $0.type == .cargo && $0.locations == ["usr/local/bin/app"] && $0.purl.hasSuffix("\($0.name)@\($0.version)")
        })
    }

    /// What the layer pass keeps of the executables it reads: ELF files with the section, reduced to the list.
    @Test func keepsOnlyExecutablesWithTheSectionAndOnlyTheirList() throws {
        let program = try RustAuditableFixture.program(list: Self.list)
        let plain = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try RustAuditableFixture.plainProgram())))
        #expect(RustAuditData.mayBeAuditable(program))
        #expect(!RustAuditData.mayBeAuditable(plain))
        #expect(!RustAuditData.mayBeAuditable(GoBinaryFixture().bytes))
        #expect(!RustAuditData.mayBeAuditable(Array("#!/bin/sh\n".utf8)))

        let reduced = RustAuditData.reduced(program)
        #expect(reduced.starts(with: RustAuditData.reducedMarker))
        #expect(reduced.count < 1024, "the list alone, not the \(program.count)-byte program")
        let whole = RustAuditableCataloger().catalog(view(bytes: ["app": program]))
        let kept = RustAuditableCataloger().catalog(view(bytes: ["app": reduced]))
        #expect(kept.packages == whole.packages && kept.warnings.isEmpty)
    }

    /// The same crate in two programs is one package found at both paths.
    @Test func mergesACrateSharedByTwoPrograms() throws {
        let program = try RustAuditableFixture.program(list: Self.list)
        let output = RustAuditableCataloger().catalog(view(bytes: ["bin/a": program, "bin/b": program]))
        #expect(output.packages.count == 5)
        #expect(output.packages.allSatisfy { $0.locations == ["bin/a", "bin/b"] })
    }

    /// A Go binary's reduction and a Go binary kept whole are the Go cataloger's: this one says nothing of them.
    @Test func leavesGoBinariesToTheGoCataloger() {
        let goBinary = GoBinaryFixture().bytes
        let files = view(bytes: ["go": goBinary, "go-reduced": GoBuildInfo.reduced(goBinary)])
        let output = RustAuditableCataloger().catalog(files)
        #expect(output.packages.isEmpty && output.warnings.isEmpty)
    }

    /// Through the layer pass with every default request: each executable is kept by the request whose bytes test
    /// accepts it, reduced to what its cataloger reads, and one without a list is not kept at all.
    @Test func keepsEachProgramForItsCatalogerThroughTheLayerPass() throws {
        func executable(_ path: String, _ bytes: [UInt8]) -> TarWriter.Entry {
            var entry = TarWriter.Entry.file(path, mode: 0o755)
            entry.content = bytes
            return entry
        }
        let plain = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try RustAuditableFixture.plainProgram())))
        let layer = TarWriter.archive([
            .directory("usr/"), .directory("usr/bin/"),
            executable("usr/bin/rust-app", try RustAuditableFixture.program(list: Self.list)),
            executable("usr/bin/go-app", GoBinaryFixture().bytes), executable("usr/bin/plain", plain),
        ])
        let descriptor = Descriptor(mediaType: "application/vnd.oci.image.layer.v1.tar", digest: Digest.of(layer),
                                    size: Int64(layer.count))
        let results = try LayerPass(concurrency: 1, requests: Catalog.requests(Catalog.defaultCatalogers)).run(
            layers: [descriptor], diffIDs: [descriptor.digest], open: { _ in MemoryByteStream(layer) })

        let captured = try #require(results.first).captured
        #expect(captured["usr/bin/rust-app"]?.starts(with: RustAuditData.reducedMarker) == true)
        #expect(captured["usr/bin/go-app"]?.starts(with: GoBuildInfo.reducedMarker) == true)
        #expect(captured["usr/bin/plain"] == nil)
        let sbom = Catalog.run(layers: results)
        #expect(sbom.warnings.isEmpty)
        let crates = sbom.packages.filter { $0.type == .cargo }.map(\.name)
        #expect(crates == ["app", "fork", "itoa", "serde", "serde_json"])
        #expect(sbom.packages.filter { $0.type == .golang }.count == 2)
    }

    @Test func runsAfterTheGoCatalogerByDefault() throws {
        let names = Catalog.defaultCatalogers.map(\.name)
        let go = try #require(names.firstIndex(of: "go-binary"))
        #expect(names[go + 1] == "rust-cargo-auditable")
    }
}

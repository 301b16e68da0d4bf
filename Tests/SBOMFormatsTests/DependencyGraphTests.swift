import SBOM
@testable import SBOMFormats
import Testing

@Suite struct DependencyGraphTests {
    @Test func virtualPackagesResolveToTheirProvider() {
        var mawk = SampleSBOM.deb("mawk", "1.3.4.20200120-3.1")
        mawk.provides = ["awk"]
        let base = SampleSBOM.deb("base-files", "12.4", dependencies: ["awk"])
        let graph = DependencyGraph([base, mawk])
        #expect(graph.dependencies[0] == [1])
        #expect(graph.dependencies[1].isEmpty)
    }

    @Test(arguments: [
        ("libc6", DependencyGraph.Requirement.name("libc6", architecture: nil)),
        ("libc6 (>= 2.34)", .name("libc6", architecture: nil)),
        ("  libc6:any (>= 2.34) ", .name("libc6", architecture: nil)),
        ("libc6:i386 (>= 2.34)", .name("libc6", architecture: "i386")),
        ("python3 [amd64 arm64]", .name("python3", architecture: nil)),
        ("debhelper-compat (= 13) <!nocheck>", .name("debhelper-compat", architecture: nil)),
        ("libstdc++6(>=12)", .name("libstdc++6", architecture: nil)),
    ])
    func readsADebianRequirement(text: String, expected: DependencyGraph.Requirement) {
        #expect(DependencyGraph.debianRequirement(text) == expected)
    }

    @Test(arguments: [
        ("busybox", DependencyGraph.Requirement?.some(.name("busybox", architecture: nil))),
        ("busybox=1.36.1-r15", .name("busybox", architecture: nil)),
        ("libcrypto3>=3.1.4-r5", .name("libcrypto3", architecture: nil)),
        ("musl~1.2", .name("musl", architecture: nil)),
        ("so:libc.musl-x86_64.so.1", .provided(.sharedObject, name: "libc.musl-x86_64.so.1")),
        ("cmd:sh", .provided(.command, name: "sh")),
        ("pc:zlib>=1.3", .provided(.pkgConfig, name: "zlib")),
        ("/bin/sh", .file(path: "bin/sh")),
        ("!busybox-static", nil),  // a conflict, not a dependency
        (">=1.0", nil),  // no name at all
    ])
    func readsAnApkRequirement(text: String, expected: DependencyGraph.Requirement?) {
        #expect(DependencyGraph.apkRequirement(text) == expected)
    }

    @Test(arguments: [
        ("requests (>=2.0)", DependencyGraph.Requirement?.some(.name("requests", architecture: nil))),
        ("urllib3<3,>=1.21.1", .name("urllib3", architecture: nil)),
        ("@babel/core@^7.0.0", .name("@babel/core", architecture: nil)),
        ("PySocks!=1.5.7,>=1.5.6; extra == \"socks\"", nil),  // only with the `socks` extra
        ("   ", nil),
    ])
    func readsAnotherEcosystemsRequirement(text: String, expected: DependencyGraph.Requirement?) {
        #expect(DependencyGraph.genericRequirement(text) == expected)
    }

    @Test func prefersAPackageOfTheDependentsArchitecture() {
        let i386 = SampleSBOM.deb("libc6", "2.36-9", architecture: "i386")
        let amd64 = SampleSBOM.deb("libc6", "2.36-9", architecture: "amd64")
        let dependent = SampleSBOM.deb("bash", "5.2", dependencies: ["libc6"])
        let foreign = SampleSBOM.deb("wine32", "8.0", dependencies: ["libc6:i386"], architecture: "i386")
        #expect(DependencyGraph([i386, amd64, dependent, foreign]).dependencies == [[], [], [1], [0]])
    }

    /// A Rust program often holds two major versions of one crate; each dependent gets the version it names.
    @Test func resolvesACrateToTheVersionItsDependentNames() {
        func crate(_ name: String, _ version: String, _ dependencies: [String] = []) -> Package {
            Package(name: name, version: version, type: .cargo, purl: "pkg:cargo/\(name)@\(version)",
                    dependencies: dependencies)
        }
        let packages = [
            crate("syn", "1.0.109"), crate("syn", "2.0.48"),
            crate("serde_derive", "1.0.197", ["syn 2.0.48"]), crate("old_macro", "0.1.0", ["syn 1.0.109"]),
            // A version no package has, and a name alone: any version of the name.
            crate("app", "0.1.0", ["serde_derive 9.9.9", "old_macro"]),
        ]
        #expect(DependencyGraph(packages).dependencies == [[], [], [1], [0], [2, 3]])
        #expect(DependencyGraph.cargoRequirement("syn 2.0.48") == .exact("syn", version: "2.0.48"))
        #expect(DependencyGraph.cargoRequirement("syn") == .name("syn", architecture: nil))
        #expect(DependencyGraph.cargoRequirement(" ") == nil)
    }

    @Test func neverMakesAPackageDependOnItself() {
        let package = SampleSBOM.deb("perl-base", "5.36", dependencies: ["perl-base | perlapi-5.36.0"])
        #expect(DependencyGraph([package]).dependencies == [[]])
    }
}

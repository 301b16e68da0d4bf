import Findings
import ImageModel
import LayerPass
import Lineage
import SBOM
import Testing

/// SG-LINEAGE-005 on a synthetic merged-/usr image: a base layer with coreutils and libc6, and layers above it.
struct ReplacedBaseFilesTests {
    static func digest(_ character: Character) -> Digest {
        try! Digest(parsing: "sha256:" + String(repeating: character, count: 64))
    }

    static func file(_ path: String, layer: Int) -> LayerChange {
        .write(FileEntry(path: path, kind: .file, mode: 0o755, uid: 0, gid: 0, size: 10, linkTarget: nil, layer: layer))
    }

    static func link(_ path: String, to target: String) -> LayerChange {
        .write(FileEntry(path: path, kind: .symlink, mode: 0o777, uid: 0, gid: 0, size: 0, linkTarget: target,
                         layer: 0))
    }

    static let baseLayer: [LayerChange] = [
        link("bin", to: "usr/bin"), link("lib", to: "usr/lib"), file("usr/bin/ls", layer: 0),
        file("usr/bin/cat", layer: 0), file("usr/lib/x86_64-linux-gnu/libc.so.6", layer: 0),
        file("etc/bash.bashrc", layer: 0), file("var/lib/dpkg/status", layer: 0),
        file("var/lib/dpkg/info/coreutils.md5sums", layer: 0), file("var/lib/dpkg/info/libc6.md5sums", layer: 0),
        .write(FileEntry(path: "usr/share/doc", kind: .directory, mode: 0o755, uid: 0, gid: 0, size: 0,
                         linkTarget: nil, layer: 0)),
        file("usr/share/doc/coreutils/copyright", layer: 0),
    ]

    static func package(_ name: String, files: [PackageFile], introduced: Int = 0, changed: Int = 0) -> Package {
        Package(name: name, version: "1.0", type: .deb, purl: "pkg:deb/debian/\(name)@1.0",
                locations: ["var/lib/dpkg/status", "var/lib/dpkg/info/\(name).md5sums",
                            "usr/share/doc/\(name)/copyright"],
                introducedLayer: introduced, changedLayer: changed, files: files)
    }

    static func sbom(coreutilsChanged: Int = 0) -> SoftwareBillOfMaterials {
        SoftwareBillOfMaterials(operatingSystem: nil, packages: [
            package("coreutils", files: [PackageFile(path: "bin/ls", digest: "md5:00"),
                                         PackageFile(path: "bin/cat", digest: "md5:01"),
                                         PackageFile(path: "usr/share/doc/coreutils/copyright"),
                                         PackageFile(path: "usr/share/doc", digest: nil)],
                    changed: coreutilsChanged),
            package("libc6", files: [PackageFile(path: "lib/x86_64-linux-gnu/libc.so.6", digest: "md5:02")]),
            package("bash", files: [PackageFile(path: "etc/bash.bashrc", digest: "md5:03", isConfiguration: true)]),
        ], warnings: [])
    }

    static func findings(_ upper: [LayerChange], sbom: SoftwareBillOfMaterials = sbom()) -> [Finding] {
        var catalog = BaseCatalog(file: "bases.yaml")
        try! catalog.add(repository: "debian", digest: .init(digest: digest("a"), diffIDs: [digest("1")]),
                         owner: "platform", notes: nil)
        let input = LineageInput(reference: nil, manifestDigest: digest("f"), layerDigests: [digest("c"), digest("d")],
                                 diffIDs: [digest("1"), digest("2")], annotations: nil, labels: nil)
        let fileSystem = FileSystem(layers: [baseLayer, upper])
        return LineageAnalysis.run(input, catalog: catalog, fileSystem: fileSystem, sbom: sbom).findings
    }

    @Test func flagsABinaryAndALibraryReplacedThroughTheMergedUsrLinks() {
        let found = Self.findings([Self.file("usr/bin/ls", layer: 1),
                                   Self.file("usr/lib/x86_64-linux-gnu/libc.so.6", layer: 1),
                                   // apt installing something else rewrites the shared status file: no excuse.
                                   Self.file("var/lib/dpkg/status", layer: 1)])
        #expect(found.map(\.ruleID) == [LineageRules.replacedBaseFile, LineageRules.replacedBaseFile])
        #expect(found.map(\.evidence.path) == ["usr/bin/ls", "usr/lib/x86_64-linux-gnu/libc.so.6"])
        #expect(found[0].evidence.facts?["package"] == "coreutils")
        #expect(found[0].evidence.facts?["packagePath"] == "bin/ls")
        #expect(found[0].evidence.layer == LayerReference(index: 1, digest: Self.digest("d").description))
        #expect(found[0].severity == .high)
    }

    /// What a later layer may do to base package files without it being a replacement.
    static let benign: [(String, [LayerChange], Int)] = [
        // Deleting docs by whiteout, and a whole directory opaque.
        ("whiteout", [.whiteout(path: "usr/bin/cat"), .opaque(directory: "usr/share/doc")], 0),
        // Editing a conffile.
        ("conffile", [file("etc/bash.bashrc", layer: 1)], 0),
        // A directory entry every tar repeats.
        ("directory", [.write(FileEntry(path: "usr/share/doc", kind: .directory, mode: 0o755, uid: 0, gid: 0,
                                        size: 0, linkTarget: nil, layer: 1))], 0),
        // A reinstall: the package's own md5sums rewritten in the same layer.
        ("reinstall", [file("usr/bin/ls", layer: 1), file("var/lib/dpkg/info/coreutils.md5sums", layer: 1)], 0),
        // An upgrade: the package's record changed in the same layer.
        ("upgrade", [file("usr/bin/ls", layer: 1)], 1),
        // Files no package owns: users added, a new program.
        ("unowned", [file("etc/passwd", layer: 1), file("usr/local/bin/app", layer: 1)], 0),
    ]

    @Test(arguments: benign)
    func leavesLegitimateChangesAlone(_ name: String, _ upper: [LayerChange], _ changed: Int) {
        #expect(Self.findings(upper, sbom: Self.sbom(coreutilsChanged: changed)).isEmpty, "\(name)")
    }

    @Test func rewritingTheCopyrightBesideTheBinaryIsNoExcuse() {
        let found = Self.findings([Self.file("usr/bin/ls", layer: 1),
                                   Self.file("usr/share/doc/coreutils/copyright", layer: 1)])
        #expect(found.compactMap(\.evidence.path).contains("usr/bin/ls"))
    }

    @Test func boundsTheFindingsOfAnImageThatReplacesEverything() {
        let files = (0..<100).map { PackageFile(path: "usr/bin/tool\($0)", digest: "md5:00") }
        let sbom = SoftwareBillOfMaterials(operatingSystem: nil, packages: [Self.package("big", files: files)],
                                           warnings: [])
        let found = Self.findings((0..<100).map { Self.file("usr/bin/tool\($0)", layer: 1) }, sbom: sbom)
        #expect(found.count == 26)
        #expect(found.last?.evidence.facts?["moreFiles"] == "75")
    }
}

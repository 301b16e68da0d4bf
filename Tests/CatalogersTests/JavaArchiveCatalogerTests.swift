import Foundation
@testable import Catalogers
import LayerPass
import SBOM
import TestSupport
import Testing

@Suite struct JavaArchiveCatalogerTests {
    /// Installed by `scripts/setup.sh` from Debian's `libcommons-lang3-java`: a jar Maven built, not one of ours.
    static let debianJar = "/usr/share/java/commons-lang3.jar"

    /// The real jar's pom.properties, as Python's `zipfile` reads it: the independent reference.
    static func referenceProperties(_ jar: String) throws -> [String: String] {
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            name = next(n for n in z.namelist() if n.startswith("META-INF/maven/") and n.endswith("/pom.properties"))
            sys.stdout.write(z.read(name).decode())
            """
        let text = try Shell.run(["python3", "-c", script, jar]).stdout
        var properties: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { properties[parts[0]] = parts[1] }
        }
        return properties
    }

    @Test func readsDebiansCommonsLang3Jar() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.debianJar)))
        let reference = try Self.referenceProperties(Self.debianJar)
        let output = JavaArchiveCataloger().catalog(view(bytes: ["usr/share/java/commons-lang3.jar": bytes]))
        #expect(output.warnings.isEmpty, "\(output.warnings)")
        #expect(reference["groupId"] == "org.apache.commons")
        #expect(reference["artifactId"] == "commons-lang3")
        let version = try #require(reference["version"])
        #expect(output.packages == [Package(
            name: "org.apache.commons:commons-lang3", version: version, type: .maven,
            purl: "pkg:maven/org.apache.commons/commons-lang3@\(version)",
            locations: ["usr/share/java/commons-lang3.jar"])])
    }

    /// A Spring Boot fat jar: its own pom.properties, and stored and deflated jars nested in `BOOT-INF/lib`.
    @Test func readsNestedJarsWithTheirLocations() throws {
        let inner = JavaArchiveFixture.pom(group: "org.x", artifact: "inner", version: "2")
        let packed = JavaArchiveFixture.pom(group: "org.y", artifact: "packed", version: "3")
        let fat = try JavaArchiveFixture.jar(group: "com.example", artifact: "app", version: "0.1.0", more: [
            .archive("BOOT-INF/lib/inner.jar", [inner]), .archive("BOOT-INF/lib/packed.jar", [packed], stored: false),
        ])
        let output = JavaArchiveCataloger().catalog(view(bytes: ["app/app.jar": fat]))
        #expect(output.warnings.isEmpty, "\(output.warnings)")
        #expect(output.packages.map(\.purl) == [
            "pkg:maven/com.example/app@0.1.0", "pkg:maven/org.x/inner@2", "pkg:maven/org.y/packed@3",
        ])
        #expect(output.packages.map(\.locations) == [
            ["app/app.jar"], ["app/app.jar!/BOOT-INF/lib/inner.jar"], ["app/app.jar!/BOOT-INF/lib/packed.jar"],
        ])
    }

    /// Without pom.properties the manifest's version and the file's name make the package, with no group.
    @Test func fallsBackToTheManifestAndFileName() throws {
        let manifest = "Manifest-Version: 1.0\r\nImplementation-Title: Tool\r\n"
            + "Implementation-Version: 1.2.\r\n 3-beta\r\n"
        let jar = try JavaArchiveFixture.zip([.text("META-INF/MANIFEST.MF", manifest)])
        let output = JavaArchiveCataloger().catalog(view(bytes: ["opt/tool-1.2.jar": jar]))
        #expect(output.packages.map(\.name) == ["tool"])
        #expect(output.packages.map(\.purl) == ["pkg:maven/tool@1.2.3-beta"])
    }

    /// An executable jar starts with a launch script; the archive after it is still read.
    @Test func readsAJarWithAPrependedScript() throws {
        let jar = try JavaArchiveFixture.jar(group: "g", artifact: "a", version: "1")
        let bytes = Array("#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".utf8) + jar
        let output = JavaArchiveCataloger().catalog(view(bytes: ["app.jar": bytes]))
        #expect(output.warnings.isEmpty, "\(output.warnings)")
        #expect(output.packages.map(\.purl) == ["pkg:maven/g/a@1"])
    }

    @Test(arguments: [
        ("usr/share/java/x.jar", true), ("srv/app.WAR", true), ("a.ear", true), ("var/jenkins/plugins/git.jpi", true),
        ("x.hpi", true), ("x.jar.sha1", false), ("META-INF/MANIFEST.MF", false), ("jar", false),
    ])
    func selectsFilesNamedLikeJavaArchives(path: String, selected: Bool) {
        let request = JavaArchiveCataloger().requests[0]
        let entry = FileEntry(path: path, kind: .file, mode: 0o644, uid: 0, gid: 0, size: 10, linkTarget: nil, layer: 0)
        #expect(request.selects(entry) == selected)
        #expect(request.keeps(Array("not a zip".utf8)))
    }

    @Test func runsAmongTheDefaultCatalogers() {
        #expect(Catalog.defaultCatalogers.contains { $0 is JavaArchiveCataloger })
    }

    @Test func parsesManifestContinuationLines() {
        let text = "Manifest-Version: 1.0\nBundle-SymbolicName: org.apache.commons.lan\n g3\nX:novalue-space\n\n"
            + "Name: a/B.class\nImplementation-Version: 9\n"
        let manifest = JavaManifest(parsing: Array(text.utf8))
        #expect(manifest["Bundle-SymbolicName"] == "org.apache.commons.lang3")
        #expect(manifest["X"] == "novalue-space")
        #expect(manifest["Implementation-Version"] == nil)
    }

    @Test(arguments: [
        ("commons-lang3-3.12.0.jar", "commons-lang3", "3.12.0"),
        ("a.jar!/lib/guava-33.0.0-jre.jar", "guava", "33.0.0-jre"),
        ("tool.jar", "tool", nil), ("-1.jar", nil, "1"),
    ] as [(String, String?, String?)])
    func splitsFileNamesAtTheVersion(location: String, name: String?, version: String?) {
        let parts = JavaPackage.fileNameParts(location)
        #expect(parts.name == name)
        #expect(parts.version == version)
    }
}

@testable import Catalogers
import SBOM
import Testing

@Suite struct PythonCatalogerTests {
    static let pyyamlMetadata = """
        Metadata-Version: 2.1
        Name: PyYAML
        Version: 6.0
        Summary: YAML parser and emitter for Python
        License: MIT
        Classifier: License :: OSI Approved :: MIT License

        Name: not-this
        Version: 9.9 (the description is not read)

        """

    @Test func readsADistInfoWithTheFilesAndDigestsItsRecordLists() throws {
        let files = view([
            "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA": Self.pyyamlMetadata,
            "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/RECORD": """
                PyYAML-6.0.dist-info/METADATA,sha256=Q56A1jQxEnzMMCyqgYkqM5Egvr9y18VExGF3ciGLjlY,2005
                PyYAML-6.0.dist-info/RECORD,,
                "yaml/odd,name.py",sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=,0
                ../../../bin/pyyaml-tool,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0

                """,
        ])
        let output = PythonCataloger().catalog(files)

        #expect(output.warnings.isEmpty)
        let package = try #require(output.packages.first)
        #expect(output.packages.count == 1)
        #expect(package.name == "PyYAML")
        #expect(package.version == "6.0")
        #expect(package.type == .pypi)
        #expect(package.purl == PackageURL(type: "pypi", name: "PyYAML", version: "6.0").description)
        #expect(package.licenses == ["MIT"])
        #expect(package.locations == ["usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA",
                                       "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/RECORD"])
        let empty = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(package.files == [
            PackageFile(path: "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA",
                        digest: "sha256:439e80d63431127ccc302caa81892a339120bebf72d7c544c4617772218b8e56"),
            PackageFile(path: "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/RECORD"),
            PackageFile(path: "usr/lib/python3/dist-packages/yaml/odd,name.py", digest: empty),
            PackageFile(path: "usr/bin/pyyaml-tool", digest: empty),
        ])
    }

    /// Debian bookworm's python3-charset-normalizer writes hex digests into its RECORD, against PEP 376.
    @Test func readsTheHexDigestsSomeDebianBuildsWrite() {
        let hex = "db07a93359e4e034b8785a58ad6d534ea3dca0635f1e184efe2e66e1c3a299ba"
        let (files, problems) = PythonRecord.parse(Array("WHEEL,sha256=\(hex),92\n".utf8), base: "site")
        #expect(problems.isEmpty)
        #expect(files == [PackageFile(path: "site/WHEEL", digest: "sha256:" + hex)])
    }

    @Test func readsEggInfoDirectoriesAndEggInfoFiles() {
        let files = view([
            "usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO":
                "Metadata-Version: 2.1\nName: requests\nVersion: 2.28.1\nLicense: Apache 2.0\n",
            "usr/lib/python3.11/site-packages/legacy-1.0-py3.11.egg-info":
                "Metadata-Version: 1.0\r\nName: legacy\r\nVersion: 1.0\r\nLicense: UNKNOWN\r\n"
                + "Classifier: License :: OSI Approved :: BSD License\r\nClassifier: License :: Public Domain\r\n",
        ])
        let output = PythonCataloger().catalog(files)

        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.name) == ["legacy", "requests"])
        #expect(output.packages.map(\.licenses) == [["BSD License", "Public Domain"], ["Apache 2.0"]])
        #expect(output.packages.allSatisfy { $0.files.isEmpty })
    }

    @Test func prefersTheLicenseExpressionAndIgnoresALicenseFieldHoldingLicenceText() {
        func licenses(_ header: String) -> [String] {
            let metadata = try? PythonMetadata.parse(Array(("Name: x\nVersion: 1\n" + header).utf8))
            return metadata.map(PythonCataloger.licenses) ?? ["unparsed"]
        }
        #expect(licenses("License-Expression: MIT OR Apache-2.0\nLicense: MIT\n") == ["MIT OR Apache-2.0"])
        #expect(licenses("License: Copyright (c) someone\n        Permission is hereby granted\n"
                         + "Classifier: License :: OSI Approved :: MIT License\n") == ["MIT License"])
        #expect(licenses("Classifier: License :: OSI Approved\n") == [])
    }

    @Test func mergesTheSameDistributionFoundInTwoSitePackages() {
        let metadata = "Name: six\nVersion: 1.16.0\n"
        let output = PythonCataloger().catalog(view([
            "usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO": metadata,
            "opt/venv/lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA": metadata,
        ]))
        #expect(output.packages.count == 1)
        #expect(output.packages.first?.locations.count == 2)
    }

    @Test(arguments: [
        ("usr/lib/python3/dist-packages/a-1.dist-info/METADATA", true),
        ("a-1.dist-info/METADATA", true),
        ("usr/lib/python3/dist-packages/a-1.egg-info/PKG-INFO", true),
        ("usr/lib/python3.11/site-packages/a-1-py3.11.egg-info", true),
        ("usr/lib/python3/dist-packages/a-1.dist-info/METADATA.bak", false),
        ("usr/lib/python3/dist-packages/a-1.dist-info/WHEEL", false),
        ("usr/lib/python3/dist-packages/a/METADATA", false),
    ])
    func asksForMetadataFilesOnly(_ path: String, _ wanted: Bool) {
        #expect(PythonCataloger.isMetadata(path) == wanted)
    }

    /// Hostile or broken metadata: each gives one warning naming the file, and no package.
    @Test(arguments: [
        // A binary file where metadata should be: NUL bytes in the header.
        ("binary", [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00] + Array("Name: x\n".utf8),
         "binary data (a NUL byte at offset 7) in the metadata header"),
        // Latin-1 bytes: core metadata must be UTF-8.
        ("not UTF-8", Array("Name: caf".utf8) + [0xe9] + Array("\nVersion: 1\n".utf8),
         "the metadata header is not UTF-8"),
        // Cut off in the middle of the Version line.
        ("truncated", Array("Metadata-Version: 2.1\nName: x\nVers".utf8), "no Version field in the metadata header"),
        // A blank first line: everything is description.
        ("header empty", Array("\nName: x\nVersion: 1\n".utf8), "no Name field in the metadata header"),
        // A continuation line before any field.
        ("leading continuation", Array("  Name: x\nVersion: 1\n".utf8),
         "line 1: a continuation line with no field before it"),
        // Fields present but empty.
        ("empty version", Array("Name: x\nVersion:   \n".utf8), "no Version field in the metadata header"),
        // An empty file.
        ("empty", [], "no Name field in the metadata header"),
    ] as [(String, [UInt8], String)])
    func warnsAboutMalformedMetadataNamingTheFile(_ label: String, _ bytes: [UInt8], _ message: String) {
        let path = "usr/lib/python3/dist-packages/x-1.dist-info/METADATA"
        let output = PythonCataloger().catalog(view(bytes: [path: bytes]))
        #expect(output.packages.isEmpty, "\(label)")
        #expect(output.warnings == [CatalogWarning(cataloger: "python", path: path, message: message, layer: 0)],
                "\(label)")
    }

    /// Hostile or broken RECORDs: the package stays, the rows that cannot be read are named in one warning on the
    /// RECORD.
    @Test(arguments: [
        // Characters outside the URL-safe alphabet (standard base64's `+` and `/`, and `!`).
        ("bad base64", "a.py,sha256=ab+/cd!!,1\n", "line 1: a digest that is not 'algorithm=urlsafe-base64'", 1),
        // Decodes, but to 3 bytes where SHA-256 has 32.
        ("short digest", "a.py,sha256=AAAA,1\n", "line 1: a digest that is not 'algorithm=urlsafe-base64'", 1),
        // A base64 length no encoder produces.
        ("impossible length", "a.py,sha256=A,1\n", "line 1: a digest that is not 'algorithm=urlsafe-base64'", 1),
        // No `=` between algorithm and digest.
        ("no algorithm", "a.py,47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,1\n",
         "line 1: a digest that is not 'algorithm=urlsafe-base64'", 1),
        // A quoted path whose quote never closes.
        ("unterminated quote", "\"a.py,sha256=x,1\nb.py,,\n", "line 1: a quoted field that never ends", 1),
        // A path climbing out of the image.
        ("escape", "../../../../../../etc/shadow,,\nb.py,,\n",
         "line 1: a path that climbs above the root", 1),
        // Several bad rows: the first is named, the rest counted.
        ("many bad", "a,sha256=!,1\nb,sha256=!,1\nc,sha256=!,1\n",
         "line 1: a digest that is not 'algorithm=urlsafe-base64' (and 2 more rows)", 3),
    ] as [(String, String, String, Int)])
    func warnsAboutUnreadableRecordRowsAndKeepsThePackage(_ label: String, _ record: String, _ message: String,
                                                           _ fileCount: Int) {
        let base = "usr/lib/python3/dist-packages/x-1.dist-info/"
        let output = PythonCataloger().catalog(view([base + "METADATA": "Name: x\nVersion: 1\n",
                                                     base + "RECORD": record]))
        #expect(output.packages.map(\.name) == ["x"], "\(label)")
        #expect(output.packages.first?.files.count == fileCount, "\(label)")
        #expect(output.warnings == [CatalogWarning(cataloger: "python", path: base + "RECORD", message: message,
                                                   layer: 0)], "\(label)")
    }

    @Test func survivesAMetadataFileOfMegabytesOfGarbage() {
        // Deterministic noise without NUL bytes, so the UTF-8 check (not the NUL check) is what stops it.
        let garbage = (0..<(2 << 20)).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) | 0x80 }
        let files = view(bytes: ["a.dist-info/METADATA": garbage, "a.dist-info/RECORD": garbage])
        let output = PythonCataloger().catalog(files)
        #expect(output.packages.isEmpty)
        #expect(output.warnings.count == 1)
    }
}

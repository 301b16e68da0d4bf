@testable import Catalogers
import SBOM
import Testing

/// dpkg's database read from hand-written status files: fields, multi-arch info files, conffiles, bad input.
@Suite struct DpkgCatalogerTests {
    static let status = """
        Package: libfoo1
        Status: install ok installed
        Architecture: amd64
        Multi-Arch: same
        Source: foo (1.2-3)
        Version: 1:1.2-3+b1
        Depends: libc6 (>= 2.34), zlib1g | libz
        Conffiles:
         /etc/foo.conf 0123456789abcdef0123456789abcdef
        Description: a library
         with a long description

        Package: gone
        Status: purge ok not-installed
        Architecture: all

        Package: bar
        Status: deinstall ok config-files
        Architecture: all
        Version: 2.0

        """

    static func files(_ contents: [String: String]) -> CatalogFiles {
        CatalogFiles(files: contents.mapValues { (Array($0.utf8), 0) })
    }

    @Test func readsPackagesFilesDigestsAndConffiles() {
        let output = DpkgCataloger().catalog(Self.files([
            "var/lib/dpkg/status": Self.status,
            "var/lib/dpkg/info/libfoo1:amd64.list": "/.\n/usr\n/usr/lib/libfoo.so.1\n/etc/foo.conf\n",
            "var/lib/dpkg/info/libfoo1:amd64.md5sums": "d41d8cd98f00b204e9800998ecf8427e  usr/lib/libfoo.so.1\n",
            "etc/os-release": "ID=debian\nVERSION_ID=\"12\"\n",
        ]))
        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.name) == ["libfoo1", "bar"])
        let foo = output.packages[0]
        #expect(foo.version == "1:1.2-3+b1")
        #expect(foo.purl == "pkg:deb/debian/libfoo1@1:1.2-3%2Bb1?arch=amd64&distro=debian-12")
        #expect(foo.sourceName == "foo" && foo.sourceVersion == "1.2-3")
        #expect(foo.dependencies == ["libc6 (>= 2.34)", "zlib1g | libz"])
        let library = PackageFile(path: "usr/lib/libfoo.so.1", digest: "md5:d41d8cd98f00b204e9800998ecf8427e")
        #expect(foo.files.contains(library))
        #expect(foo.files.contains(PackageFile(path: "etc/foo.conf", digest: "md5:0123456789abcdef0123456789abcdef",
                                               isConfiguration: true)))
    }

    @Test(arguments: [
        // Cut in the middle of the last paragraph: its later fields are lost.
        "Package: a\nStatus: install ok installed\nVersion: 1\n\nPackage: b\nStat",
        // A continuation line before any field.
        " orphan continuation\nPackage: a\n",
        // Binary garbage.
        String(decoding: [0x00, 0xff, 0x13, 0x37, 0x0a, 0x80, 0x81], as: UTF8.self),
    ])
    func malformedStatusGivesAWarningNamingTheFile(_ text: String) {
        let output = DpkgCataloger().catalog(Self.files(["var/lib/dpkg/status": text]))
        #expect(output.warnings.count == 1)
        #expect(output.warnings.first?.path == "var/lib/dpkg/status")
        #expect(output.warnings.first?.cataloger == "dpkg")
    }

    @Test func distrolessStatusDirectoryIsRead() {
        let output = DpkgCataloger().catalog(Self.files([
            "var/lib/dpkg/status.d/base": "Package: base-files\nVersion: 12.4\nArchitecture: amd64\n\n",
            "var/lib/dpkg/status.d/base.md5sums": "d41d8cd98f00b204e9800998ecf8427e  etc/debian_version\n",
        ]))
        #expect(output.packages.map(\.name) == ["base-files"])
        #expect(output.warnings.isEmpty)
    }
}

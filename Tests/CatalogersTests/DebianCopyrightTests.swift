@testable import Catalogers
import SBOM
import Testing

/// Licences from Debian copyright files, machine-readable and free-form, and how dpkg packages get them.
@Suite struct DebianCopyrightTests {
    @Test func machineReadableFileGivesEachNameOfEachLicenseField() {
        let text = """
            Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
            Upstream-Name: demo

            Files: *
            Copyright: 2020 Someone
            License: GPL-2+ or Artistic

            Files: lib/*
            License: LGPL-3+ and GPL-2+
             License: this continuation line is licence text, not a field.

            Files: parse.y
            License: GPL-3+ with Bison exception

            Files: regex/*
            License: REGCOMP, and GPL-1+.

            Files: find/*
            License: BSD-3-clause and/or GPL-3+

            Files: empty/*
            License:

            License: Artistic
             The "Artistic License"; see /usr/share/common-licenses/Artistic.
            """
        #expect(DebianCopyright.licenses(in: Array(text.utf8))
            == ["GPL-2+", "Artistic", "LGPL-3+", "GPL-3+ with Bison exception", "REGCOMP", "GPL-1+",
                "BSD-3-clause", "GPL-3+"])
    }

    @Test func freeFormFileGivesTheCommonLicensesItPointsAt() {
        let text = """
            This is the Debian prepackaged version of the GNU C Library.

            On Debian systems, the complete text of the GNU Lesser General Public License can be found in
            `/usr/share/common-licenses/LGPL-2.1'. The GPL is in /usr/share/common-licenses/GPL-2.
            See also /usr/share/common-licenses/ for the others.
            """
        #expect(DebianCopyright.licenses(in: Array(text.utf8)) == ["LGPL-2.1", "GPL-2"])
    }

    @Test func hostileFileIsBoundedInCountAndLength() {
        let many = (0..<1000).map { "License: L\($0)" }.joined(separator: "\n")
        let names = DebianCopyright.licenses(in: Array(("Format: x\n" + many).utf8))
        #expect(names.count == DebianCopyright.maxLicenses)
        let long = "Format: x\nLicense: " + String(repeating: "A", count: 10_000) + "\nLicense: MIT\n"
        #expect(DebianCopyright.licenses(in: Array(long.utf8)) == ["MIT"])
        #expect(DebianCopyright.licenses(in: [0xff, 0xfe, 0x00, 0x0a]).isEmpty)
    }

    @Test(arguments: [
        ("usr/share/doc/bash/copyright", true), ("usr/share/doc/bash/changelog.gz", false),
        ("usr/share/doc/bash/examples/copyright", false), ("usr/share/doc//copyright", false),
        ("usr/share/doc/copyright", false), ("opt/usr/share/doc/bash/copyright", false),
    ])
    func copyrightFileIsExactlyOneLevelUnderDoc(path: String, expected: Bool) {
        #expect(DebianCopyright.isCopyrightFile(path) == expected)
    }

    /// The cataloger sees what the layer pass kept: the reduced form of each copyright file.
    @Test func packagesTakeTheirOwnLicensesOrTheirSourcePackages() {
        let status = """
            Package: libfoo1
            Status: install ok installed
            Source: foo
            Version: 1.0-1

            Package: libfoo-dev
            Status: install ok installed
            Source: foo
            Version: 1.0-1

            Package: bar
            Status: install ok installed
            Version: 2.0-1

            """
        let copyright = "Format: x\n\nFiles: *\nLicense: MIT or Apache-2.0\n"
        let output = DpkgCataloger().catalog(view(bytes: [
            "var/lib/dpkg/status": Array(status.utf8),
            "usr/share/doc/libfoo1/copyright": DebianCopyright.reduced(Array(copyright.utf8)),
        ]))
        let licenses = Dictionary(uniqueKeysWithValues: output.packages.map { ($0.name, $0.licenses) })
        #expect(licenses == ["libfoo1": ["MIT", "Apache-2.0"], "libfoo-dev": ["MIT", "Apache-2.0"], "bar": []])
        let libfoo = output.packages.first { $0.name == "libfoo1" }
        #expect(libfoo?.locations.contains("usr/share/doc/libfoo1/copyright") == true)
    }
}

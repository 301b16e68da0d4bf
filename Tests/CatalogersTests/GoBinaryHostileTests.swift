@testable import Catalogers
import SBOM
import Testing

/// Executables an attacker controls: each gives one warning naming the file, or nothing when the file is not ELF
/// or not Go, and never a crash, an out-of-range read or an allocation the file sized.
@Suite struct GoBinaryHostileTests {
    static let valid = GoBinaryFixture()

    /// A valid fixture with `width` bytes at `offset` set to `value`.
    static func patched(_ offset: (GoBinaryFixture) -> Int, _ value: UInt64, width: Int = 8,
                        fixture: GoBinaryFixture = valid) -> [UInt8] {
        var bytes = fixture.bytes
        fixture.put(&bytes, value, at: offset(fixture), width: width)
        return bytes
    }

    /// A fixture whose blob, after the 32-byte header, is `tail` instead of the two strings.
    static func blob(tail: [UInt8]) -> [UInt8] {
        var bytes = valid.bytes
        let start = GoBinaryFixture.blobOffset + 32
        let count = valid.blob.count - 32
        bytes.replaceSubrange(start..<start + count, with: tail + [UInt8](repeating: 0, count: count - tail.count))
        return bytes
    }

    /// One row of the table, shown in test output by its label rather than its bytes.
    struct HostileFile: CustomTestStringConvertible, Sendable {
        var label: String
        var bytes: [UInt8]
        var expected: String?

        init(_ row: (String, [UInt8], String?)) { (label, bytes, expected) = row }

        var testDescription: String { label }
    }

    @Test(arguments: ([
        // Empty, and a script with the execute bit: not ELF, so not Go; nothing to say.
        ("empty file", [], nil),
        ("shell script", Array("#!/bin/sh\nexec /usr/bin/env \"$@\"\n".utf8), nil),
        // The magic without a known class and encoding: text, not an executable the loader would run.
        ("magic only", [0x7f, 0x45, 0x4c, 0x46], nil),
        ("magic then text", Array("\u{7f}ELF busybox 1.36.1\n".utf8), nil),
        ("unknown class", patched({ _ in 4 }, 9, width: 1), nil),
        ("unknown byte order", patched({ _ in 5 }, 0, width: 1), nil),
        // A valid identification, then a header cut off before its table fields.
        ("identification only", Array(valid.bytes.prefix(16)), "ELF header truncated: the file is 16 bytes"),
        ("truncated header", Array(valid.bytes.prefix(40)), "ELF header truncated: the file is 40 bytes"),
        ("truncated 32-bit header", Array(GoBinaryFixture(is64Bit: false).bytes.prefix(51)),
         "ELF header truncated: the file is 51 bytes"),
        // Table offsets past the end, or so large that offset + size would overflow.
        ("section table past EOF", patched({ $0.tables + 8 }, 1 << 40), "ELF section table"),
        ("section table at UInt64.max", patched({ $0.tables + 8 }, .max), "ELF section table"),
        ("program header table past EOF", patched({ $0.tables }, 0xffff_fff0), "ELF program header table"),
        // Entries too small to hold the fields read from them.
        ("tiny section entries", patched({ $0.tables + 2 * $0.word + 10 }, 4, width: 2), "ELF section table"),
        // The build information section's size or offset past the end of the file.
        ("section size past EOF", patched({ $0.sectionField(1, size: true) }, 1 << 62), ".go.buildinfo"),
        ("section offset past EOF", patched({ $0.sectionField(1, size: false) }, .max), ".go.buildinfo"),
        // A section-name offset past the string table: the section is not found, so the segment is searched.
        ("name offset past table", patched({ $0.sectionTableOffset + $0.sectionEntrySize }, 0xffff, width: 4), nil),
        // Lengths past the end of the section, huge, or not varints at all.
        ("version length past EOF", blob(tail: [0x7f]), "Go version claims 127 bytes"),
        ("huge version length", blob(tail: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
         "claims 18446744073709551615 bytes"),
        ("varint of eleven bytes", blob(tail: [UInt8](repeating: 0xff, count: 11)), "not a valid varint"),
        ("varint overflowing 64 bits", blob(tail: [UInt8](repeating: 0xff, count: 9) + [0x7f]),
         "not a valid varint"),
        ("module length past EOF", blob(tail: [0x01, 0x67, 0xc0, 0x84, 0x3d]), "module information claims"),
        // Module lines with the wrong number of columns, and a replacement of nothing.
        ("mod without version", GoBinaryFixture(moduleText: "mod\texample.com/app\n").bytes, "has 1 columns"),
        ("dep with extra columns", GoBinaryFixture(moduleText: "dep\ta\tv1\th1:\tx\n").bytes, "has 4 columns"),
        ("orphan replacement", GoBinaryFixture(moduleText: "=>\ta\tv1\th1:\n").bytes,
         "a replacement follows no module"),
    ] as [(String, [UInt8], String?)]).map(HostileFile.init))
    func warnsAboutTheFileOrSaysNothing(_ file: HostileFile) {
        let (label, bytes, expected) = (file.label, file.bytes, file.expected)
        let output = GoBinaryCataloger().catalog(view(bytes: ["opt/evil": bytes]))
        if let expected {
            #expect(output.warnings.count == 1, "\(label)")
            #expect(output.warnings.first?.path == "opt/evil", "\(label)")
            #expect(output.warnings.first?.cataloger == "go-binary", "\(label)")
            #expect(output.warnings.first?.message.contains(expected) == true,
                    "\(label): \(output.warnings.first?.message ?? "no warning")")
            #expect(output.packages.isEmpty, "\(label)")
        } else {
            #expect(output.warnings.isEmpty, "\(label): \(output.warnings)")
        }
    }

    /// Module text that is not framed by the sentinels is not module information: the toolchain alone is listed.
    @Test func ignoresModuleTextWithoutSentinels() {
        var bytes = Self.valid.bytes
        let module = GoBinaryFixture.blobOffset + 32 + 1 + Self.valid.goVersion.utf8.count + 1
        bytes[module + 16 + Self.valid.moduleText.utf8.count - 1] = UInt8(ascii: "x")
        let output = GoBinaryCataloger().catalog(view(bytes: ["a": bytes]))
        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.name) == ["stdlib"])
    }
}

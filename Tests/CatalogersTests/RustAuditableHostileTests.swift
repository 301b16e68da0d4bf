@testable import Catalogers
import SBOM
import Testing

/// Rust executables whose `.dep-v0` section an attacker wrote: each gives one warning naming the file, and never a
/// crash, an out-of-range index or an allocation the file sized.
@Suite(.enabled(if: RustAuditableFixture.toolsExist, "needs rustc, objcopy and python3 (scripts/setup.sh)"))
struct RustAuditableHostileTests {
    /// One row of the table: a spec for `tools/cargo-auditable-section.py`, shown in test output by its label.
    struct HostileSection: CustomTestStringConvertible, Sendable {
        var label: String
        var spec: String
        var expected: String

        init(_ row: (String, String, String)) { (label, spec, expected) = row }

        var testDescription: String { label }
    }

    /// The start of a valid crate object, for rows that break one more field.
    static let one = #"{"name": "a", "version": "1.0.0", "source": "crates.io""#
    /// One more crate than the limit, each an empty object.
    static let manyEmptyObjects = Array(repeating: "{}", count: 20_001).joined(separator: ",")

    @Test(arguments: ([
        // A zlib bomb: 16 MiB of zeros in about 16 KB, stopped at the 8 MiB limit.
        ("zlib bomb", #"{"bomb": 16777216}"#, "inflates past 8388608 bytes"),
        // Broken zlib: a wrong checksum, a stream cut in half, a header that is not zlib's.
        ("bad checksum", #"{"json": {"packages": []}, "corrupt": "checksum"}"#, "Adler-32"),
        ("truncated stream", #"{"text": "\#(String(repeating: "x", count: 2000))", "corrupt": "truncate"}"#,
         "ends before its stream does"),
        ("not a zlib header", #"{"json": {"packages": []}, "corrupt": "header"}"#, "zlib header is invalid"),
        // Text that is not JSON, or JSON of the wrong shape.
        ("not JSON", #"{"text": "packages: none"}"#, "is not JSON"),
        ("deeply nested", #"{"text": "\#(String(repeating: "[", count: 100_000))"}"#, "nested deeper"),
        ("top-level array", #"{"json": [1, 2]}"#, #"no "packages" array"#),
        ("packages not an array", #"{"json": {"packages": {"a": 1}}}"#, #"no "packages" array"#),
        ("package not an object", #"{"json": {"packages": [1]}}"#, "package 0 is not an object"),
        ("missing version", #"{"json": {"packages": [{"name": "a", "source": "local"}]}}"#,
         #"package 0 has no "version" string"#),
        ("name not a string", #"{"json": {"packages": [{"name": 7, "version": "1", "source": "local"}]}}"#,
         #"no "name" string"#),
        ("unknown kind", #"{"json": {"packages": [\#(one), "kind": "dev"}]}}"#, #"a "kind" other than"#),
        ("root not a boolean", #"{"json": {"packages": [\#(one), "root": "yes"}]}}"#, "not a boolean"),
        ("dependencies not an array", #"{"json": {"packages": [\#(one), "dependencies": 0}]}}"#,
         "not an array"),
        ("fractional index", #"{"json": {"packages": [\#(one), "dependencies": [0.5]}]}}"#,
         "not an integer index"),
        // Indices that name no crate: past the end, negative, huge.
        ("index past the end", #"{"json": {"packages": [\#(one), "dependencies": [1]}]}}"#,
         "crate 0 depends on crate 1, but only 1 are listed"),
        ("negative index", #"{"json": {"packages": [\#(one), "dependencies": [-1]}]}}"#, "depends on crate -1"),
        ("huge index", #"{"json": {"packages": [\#(one), "dependencies": [9223372036854775807]}]}}"#,
         "depends on crate 9223372036854775807"),
        // More crates than any real program has, refused before any is read.
        ("too many crates", #"{"text": "{\"packages\": [\#(manyEmptyObjects)]}"}"#,
         "lists 20001 crates, over the limit of 20000"),
    ] as [(String, String, String)]).map(HostileSection.init))
    func warnsAboutTheFile(_ row: HostileSection) throws {
        let program = try RustAuditableFixture.program(spec: row.spec)
        // Both as the layer pass keeps it and whole: the same warning either way.
        for bytes in [RustAuditData.reduced(program), program] {
            let output = RustAuditableCataloger().catalog(view(bytes: ["opt/evil": bytes]))
            #expect(output.packages.isEmpty, "\(row.label)")
            #expect(output.warnings.count == 1, "\(row.label)")
            #expect(output.warnings.first?.path == "opt/evil", "\(row.label)")
            #expect(output.warnings.first?.cataloger == "rust-cargo-auditable", "\(row.label)")
            #expect(output.warnings.first?.message.contains(row.expected) == true,
                    "\(row.label): \(output.warnings.first?.message ?? "no warning")")
        }
    }

    /// A section whose size runs past the end of the file: kept, as a note of why, so the cataloger can say so.
    @Test func warnsAboutASectionPastTheEndOfTheFile() throws {
        var program = try RustAuditableFixture.program(list: #"{"packages": []}"#)
        let image = try ELFImage(program)
        let names = image.section(at: image.sectionNamesIndex)
        let index = try #require((0..<image.sectionCount).first { index in
            let name = Int(names.offset) + Int(image.section(at: index).nameOffset)
            return program[name...].starts(with: Array(".dep-v0\0".utf8))
        })
        // `sh_size` of a 64-bit section header: 0x20 bytes into the entry.
        let field = Int(image.sectionTableOffset) + index * image.sectionEntrySize + 0x20
        for byte in 0..<8 { program[field + byte] = byte == 6 ? 0x01 : 0 }
        #expect(RustAuditData.mayBeAuditable(program))
        let reduced = RustAuditData.reduced(program)
        #expect(reduced.starts(with: RustAuditData.unreadableMarker))
        let output = RustAuditableCataloger().catalog(view(bytes: ["opt/evil": reduced]))
        #expect(output.warnings.map(\.message) == [
            "ELF section .dep-v0 (\(1 << 48) bytes at offset \(image.section(at: index).offset)) runs past the end "
                + "of the \(program.count)-byte file",
        ])
    }
}

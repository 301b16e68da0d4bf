@testable import Catalogers
import SBOM
import Testing

/// Build information from Go 1.13 to 1.17: a header whose pointers lead, through Go string headers, to the version
/// and module text, in either pointer size and byte order.
@Suite struct GoBuildInfoPointerTests {
    static let moduleText = "path\texample.com/old\nmod\texample.com/old\tv0.4.0\th1:o=\n"
        + "dep\tgithub.com/x/y\tv1.1.0\th1:y=\n"
    static let valid = GoBinaryFixture(goVersion: "go1.16.15", moduleText: moduleText, flags: 0)

    @Test(arguments: [(true, false), (true, true), (false, false), (false, true)])
    func followsThePointersInEitherClassAndByteOrder(_ is64Bit: Bool, _ isBigEndian: Bool) throws {
        for withSections in [true, false] {
            var fixture = Self.valid
            (fixture.is64Bit, fixture.isBigEndian, fixture.withSections) = (is64Bit, isBigEndian, withSections)
            let info = try #require(try GoBuildInfo.read(elf: fixture.bytes))
            #expect(info == GoBuildInfo(goVersion: "go1.16.15", moduleInfo: Self.moduleText))

            let output = GoBinaryCataloger().catalog(view(bytes: ["usr/bin/old": fixture.bytes]))
            #expect(output.warnings.isEmpty)
            #expect(output.packages.map(\.purl) == [
                "pkg:golang/stdlib@1.16.15", "pkg:golang/example.com/old@v0.4.0", "pkg:golang/github.com/x/y@v1.1.0",
            ])
            // What the layer pass keeps is the same build information, without the binary.
            #expect(GoBuildInfo(reduced: GoBuildInfo.reduced(fixture.bytes)) == info)
        }
    }

    /// A binary built outside module mode: an empty module string, whose data pointer is 0.
    @Test func readsAnEmptyModuleStringWithoutFollowingItsPointer() throws {
        var fixture = Self.valid
        fixture.moduleText = ""
        let info = try #require(try GoBuildInfo.read(elf: fixture.bytes))
        #expect(info == GoBuildInfo(goVersion: "go1.16.15", moduleInfo: ""))
    }

    /// The file offset of the blob's header pointer `index` (0: version, 1: module).
    static func pointer(_ index: Int) -> (GoBinaryFixture) -> Int {
        { GoBinaryFixture.blobOffset + 16 + index * $0.word }
    }

    /// The file offset of field `field` (0: data pointer, 1: length) of string header `index`.
    static func stringHeader(_ index: Int, _ field: Int) -> (GoBinaryFixture) -> Int {
        { GoBinaryFixture.blobOffset + GoBinaryFixture.pointerHeadersOffset + (2 * index + field) * $0.word }
    }

    static func patched(_ offset: (GoBinaryFixture) -> Int, _ value: UInt64, width: Int? = nil,
                        fixture: GoBinaryFixture = valid) -> [UInt8] {
        GoBinaryHostileTests.patched(offset, value, width: width ?? fixture.word, fixture: fixture)
    }

    static let end = GoBinaryFixture.blobAddress + UInt64(valid.blob.count)
    static let bigEndian32 = GoBinaryFixture(is64Bit: false, isBigEndian: true, goVersion: "go1.16.15",
                                             moduleText: moduleText, flags: 0)

    @Test(arguments: ([
        // A pointer size other than 4 or 8: the pointers cannot be read.
        ("pointer size 3", patched({ _ in GoBinaryFixture.blobOffset + 14 }, 3, width: 1),
         "pointer size of 3, not 4 or 8"),
        // Header pointers to no loaded segment: below it, past it, at the top of the address space.
        ("version header below the segment", patched(pointer(0), 0x10),
         "Go version string header address 0x10 lies in no loaded segment"),
        ("module header past the segment", patched(pointer(1), end), "module information string header address"),
        ("module header at UInt64.max", patched(pointer(1), .max), "lies in no loaded segment"),
        // A string header that starts inside the segment but runs past its end.
        ("version header cut by the segment's end", patched(pointer(0), end - 4),
         "Go version string header (16 bytes at 0x\(String(end - 4, radix: 16))) runs past the end of its segment"),
        // String data pointers to no segment, and lengths past the end of the segment, huge, or wrapping.
        ("version data in no segment", patched(stringHeader(0, 0), 0xdead_0000),
         "Go version address 0xdead0000 lies in no loaded segment"),
        ("version length past the segment", patched(stringHeader(0, 1), 1 << 40),
         "Go version (1099511627776 bytes at"),
        ("module length UInt64.max", patched(stringHeader(1, 1), .max), "module information (18446744073709551615"),
        // The same in a 32-bit big-endian file, whose words are 4 bytes.
        ("32-bit big-endian wild pointer", patched(pointer(1), 0xffff_fff0, fixture: bigEndian32),
         "module information string header address 0xfffffff0 lies in no loaded segment"),
        ("32-bit big-endian long string", patched(stringHeader(0, 1), 0xffff_ffff, fixture: bigEndian32),
         "Go version (4294967295 bytes at"),
    ] as [(String, [UInt8], String?)]).map(GoBinaryHostileTests.HostileFile.init))
    func warnsAboutPointersThatLeadNowhere(_ file: GoBinaryHostileTests.HostileFile) {
        let output = GoBinaryCataloger().catalog(view(bytes: ["opt/evil": file.bytes]))
        #expect(output.packages.isEmpty, "\(file.label)")
        #expect(output.warnings.count == 1, "\(file.label)")
        #expect(output.warnings.first?.path == "opt/evil", "\(file.label)")
        #expect(output.warnings.first?.message.contains(file.expected ?? "") == true,
                "\(file.label): \(output.warnings.first?.message ?? "no warning")")
    }
}

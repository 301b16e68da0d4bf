@testable import Catalogers
import SBOM
import Testing

/// Java archives an attacker controls: each gives warnings naming the file (and the member or nested archive),
/// or nothing for an archive with nothing in it; never a crash, an out-of-range read, or an allocation sized by
/// the file past the reader's bounds.
@Suite struct JavaArchiveHostileTests {
    /// One row of the table: how to make the file, and what the one warning must say (nil: no warning at all).
    struct HostileArchive: CustomTestStringConvertible, Sendable {
        var label: String
        var make: @Sendable () throws -> [UInt8]
        var expected: String?

        init(_ label: String, _ expected: String?, _ make: @escaping @Sendable () throws -> [UInt8]) {
            (self.label, self.make, self.expected) = (label, make, expected)
        }

        var testDescription: String { label }
    }

    /// A jar whose first member is a `pom.properties`, then a class, laid out for patching.
    static func valid() throws -> ZipLayout {
        ZipLayout(bytes: try JavaArchiveFixture.jar(group: "g", artifact: "a", version: "1",
                                                    more: [.text("a/A.class", "cafebabe")]))
    }

    /// The valid jar with the first central directory entry's field at `field` set to `value`.
    static func centralField(_ field: Int, _ value: UInt64, width: Int = 4) throws -> [UInt8] {
        let zip = try valid()
        return zip.patched(zip.firstCentralEntry + field, value, width: width)
    }

    /// A jar whose `pom.properties` is `size` bytes that deflate to almost nothing.
    static func bomb(size: Int) throws -> ZipLayout {
        ZipLayout(bytes: try JavaArchiveFixture.zip([
            .text("META-INF/maven/g/a/pom.properties", String(repeating: "a", count: size)),
        ]))
    }

    /// An archive nested `levels` deep, each level naming its own package.
    static func nested(levels: Int) throws -> [UInt8] {
        var members: [JavaArchiveFixture] = [JavaArchiveFixture.pom(group: "g", artifact: "l\(levels)", version: "1")]
        for level in stride(from: levels - 1, through: 0, by: -1) {
            members = [JavaArchiveFixture.pom(group: "g", artifact: "l\(level)", version: "1"),
                       .archive("lib/l\(level + 1).jar", members)]
        }
        return try JavaArchiveFixture.zip(members)
    }

    @Test(arguments: [
        // Named like a jar but text: the issue's own case.
        HostileArchive("text named .jar", "not a zip archive") { Array("this is not a jar\n".utf8) },
        HostileArchive("empty file", "not a zip archive: no end of central directory record in its 0 bytes") { [] },
        // A zip cut off before its end: the end record is gone, so nothing of it can be trusted.
        HostileArchive("cut off", "not a zip archive") { Array(try valid().bytes.dropLast(30)) },
        // The end record says the directory is shorter than it is: it no longer starts where it claims.
        HostileArchive("central directory cut short", "zip central directory truncated: entry 0 of 2") {
            let zip = try valid()
            return zip.patched(zip.endRecord + 12, zip.read(zip.endRecord + 12, width: 4) - 10, width: 4)
        },
        // More entries than the directory holds.
        HostileArchive("entry count past the end", "entry 2 of 7") {
            let zip = try valid()
            return zip.patched(zip.endRecord + 10, 7, width: 2)
        },
        // The directory placed past the end of the file, or sized past the end record.
        HostileArchive("directory offset past EOF", "does not fit before its end record") {
            let zip = try valid()
            return zip.patched(zip.endRecord + 16, 0xffff_fff0, width: 4)
        },
        HostileArchive("directory size past its end", "does not fit before its end record") {
            let zip = try valid()
            return zip.patched(zip.endRecord + 12, 0xffff_fff0, width: 4)
        },
        // The ZIP64 marker count without ZIP64 records: taken as 65,535 entries, which the directory does not hold.
        HostileArchive("ZIP64 entry count", "central directory truncated") {
            let zip = try valid()
            return zip.patched(zip.endRecord + 10, 0xffff, width: 2)
        },
        // A member whose local header is elsewhere than the directory says.
        HostileArchive("local header offset past EOF", "local header missing or data past the end") {
            try centralField(42, 0xffff_0000)
        },
        HostileArchive("compressed size past EOF", "local header missing or data past the end") {
            try centralField(20, 0xffff_0000)
        },
        // Deflate data that is not deflate: 0xff is a final block of the reserved type.
        HostileArchive("garbage deflate data", "deflate data malformed") {
            let zip = try valid()
            return zip.patched(zip.firstMemberData, 0xffff_ffff, width: 4)
        },
        // The CRC-32 recorded for the member is not that of its bytes.
        HostileArchive("wrong CRC-32", "CRC-32 does not match") { try centralField(16, 0x1234_5678) },
        HostileArchive("method 99", "compression method 99") { try centralField(10, 99, width: 2) },
        HostileArchive("stored with two sizes", "stored but its two sizes differ") {
            let zip = ZipLayout(bytes: try JavaArchiveFixture.zip([
                .text("META-INF/maven/g/a/pom.properties", "version=1\n", stored: true),
            ]))
            return zip.patched(zip.firstCentralEntry + 24, 3, width: 4)
        },
        // Zip bombs: declared small but inflating to 4 MiB (stopped one byte past the declared 1,000), and
        // declared at 4 GiB (refused before any buffer is made).
        HostileArchive("bomb declared small", "inflates past its declared 1000 bytes") {
            let zip = try bomb(size: 4 << 20)
            return zip.patched(zip.firstCentralEntry + 24, 1000, width: 4)
        },
        HostileArchive("bomb declared huge", "declares 4294967280 bytes, more than the 1048576 read") {
            let zip = try bomb(size: 4 << 20)
            return zip.patched(zip.firstCentralEntry + 24, 0xffff_fff0, width: 4)
        },
        // A member that inflates to less than it declares.
        HostileArchive("declared size too large", "inflates to 2 bytes, not its declared 9") {
            let zip = ZipLayout(bytes: try JavaArchiveFixture.zip([.text("META-INF/maven/g/a/pom.properties", "x\n")]))
            return zip.patched(zip.firstCentralEntry + 24, 9, width: 4)
        },
        // Nested past the bound: levels 0–3 are read, the fourth nested archive is named and not opened.
        HostileArchive("nesting deeper than the bound", "nested more than 3 archives deep") { try nested(levels: 5) },
        // A nested archive that is not a zip.
        HostileArchive("nested text named .jar", "evil.jar!/lib/inner.jar: not a zip archive") {
            try JavaArchiveFixture.zip([.text("lib/inner.jar", "plain text")])
        },
        // An empty archive has no packages and nothing wrong with it.
        HostileArchive("empty zip", nil) { try JavaArchiveFixture.zip([]) },
    ])
    func warnsNamingTheFileOrSaysNothing(_ archive: HostileArchive) throws {
        let output = JavaArchiveCataloger().catalog(view(bytes: ["opt/evil.jar": try archive.make()]))
        guard let expected = archive.expected else {
            #expect(output.warnings.isEmpty, "\(archive.label): \(output.warnings)")
            #expect(output.packages.isEmpty, "\(archive.label)")
            return
        }
        #expect(output.warnings.count == 1, "\(archive.label): \(output.warnings)")
        #expect(output.warnings.first?.path == "opt/evil.jar", "\(archive.label)")
        #expect(output.warnings.first?.cataloger == "java-archive", "\(archive.label)")
        #expect(output.warnings.first?.message.contains(expected) == true,
                "\(archive.label): \(output.warnings.first?.message ?? "no warning")")
    }

    /// The archives within the bound are still read when a deeper one is not.
    @Test func readsNestedArchivesUpToTheBound() throws {
        let output = JavaArchiveCataloger().catalog(view(bytes: ["app.jar": try Self.nested(levels: 5)]))
        #expect(output.packages.map(\.name) == ["g:l0", "g:l1", "g:l2", "g:l3"])
        #expect(output.packages.last?.locations == ["app.jar!/lib/l1.jar!/lib/l2.jar!/lib/l3.jar"])
    }

    /// A member that fails leaves the rest of the archive readable: the manifest is used when the only
    /// pom.properties cannot be inflated.
    @Test func skipsOnlyTheMemberThatFails() throws {
        let zip = ZipLayout(bytes: try JavaArchiveFixture.zip([
            JavaArchiveFixture.pom(group: "g", artifact: "a", version: "1"),
            .text("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Version: 2.0\n"),
        ]))
        let bytes = zip.patched(zip.firstCentralEntry + 10, 99, width: 2)
        let output = JavaArchiveCataloger().catalog(view(bytes: ["opt/tool-2.0.jar": bytes]))
        #expect(output.warnings.count == 1)
        #expect(output.packages.map(\.purl) == ["pkg:maven/tool@2.0"])
    }
}

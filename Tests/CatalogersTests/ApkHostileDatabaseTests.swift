@testable import Catalogers
import SBOM
import Testing

/// Databases an attacker might write into a layer. Each must give a warning that names the database and the line,
/// or no package, and never a crash.
@Suite struct ApkHostileDatabaseTests {
    static let path = "lib/apk/db/installed"

    static func catalog(_ bytes: [UInt8]) -> CatalogOutput {
        ApkCataloger().catalog(CatalogFiles(files: [path: (bytes, 3)]))
    }

    @Test(arguments: [
        // Cut inside a line: the last value may be cut short too.
        ("P:musl\nV:1.2.4-r4\nA:x86_64\nF:lib\nR:ld-musl", "line 5: the file ends inside a line"),
        // Cut after a whole line but before the version.
        ("P:musl\n", "line 1: a package with no 'V:' field"),
        // A file before any directory: there is no path to give it.
        ("P:musl\nV:1\nR:ld-musl-x86_64.so.1\n\n", "line 3: an 'R:' file before any 'F:' directory"),
        // A checksum with no file before it, or after a new directory.
        ("P:musl\nV:1\nF:lib\nZ:Q1NjxkJI1PGm/3CJL9dYlgk4/xhKk=\n\n", "line 4: a 'Z:' checksum with no 'R:' file"),
        // Base64 that does not decode, or decodes to something other than a 20-byte SHA-1.
        ("P:musl\nV:1\nF:lib\nR:a\nZ:Q1!!!notbase64!!!\n\n", "line 5: checksum 'Q1!!!notbase64!!!' is neither"),
        ("P:musl\nV:1\nF:lib\nR:a\nZ:Q1AAAA\n\n", "line 5: checksum 'Q1AAAA' is neither"),
        ("P:musl\nV:1\nF:lib\nR:a\nZ:Q2NjxkJI1PGm/3CJL9dYlgk4/xhKk=\n\n", "line 5: checksum"),
        // Names that would put a file outside the directory `F:` names.
        ("P:musl\nV:1\nF:lib\nR:../etc/shadow\n\n", "line 4: path '../etc/shadow' is not a plain path"),
        ("P:musl\nV:1\nF:lib/../../etc\nR:shadow\n\n", "line 3: path 'lib/../../etc' is not a plain path"),
        // Two names in one paragraph: which package is it?
        ("P:musl\nP:busybox\nV:1\n\n", "line 2: a second 'P:' field in one package"),
        // Lines that are not one letter and a colon.
        ("P:musl\nV:1\nversion=2\n\n", "line 3: not a 'K:value' line"),
        (":x\n\n", "line 1: not a 'K:value' line"),
        ("P\n\n", "line 1: not a 'K:value' line"),
    ])
    func rejectsAMalformedDatabaseNamingTheLine(_ database: String, _ message: String) throws {
        let output = Self.catalog(Array(database.utf8))
        #expect(output.packages.isEmpty)
        let warning = try #require(output.warnings.first)
        #expect(output.warnings.count == 1)
        #expect(warning.cataloger == "apk" && warning.path == Self.path && warning.layer == 3)
        #expect(warning.message.hasPrefix(message), "\(warning.message)")
    }

    /// Bytes that are not a database. An enum, not the bytes themselves, so that a 10 MiB case is not printed.
    enum Garbage: CaseIterable {
        /// An ELF header where the database should be.
        case binary
        /// Bytes that are not UTF-8 in a value.
        case notUTF8
        /// A NUL where a field letter should be.
        case nul
        /// One 10 MiB line, as a name: past the line bound, and never copied into a package.
        case tenMiBName
        /// One 10 MiB line with no newline at all.
        case tenMiBWithoutNewline

        var bytes: [UInt8] {
            switch self {
            case .binary: [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x0a, 0xff, 0xfe, 0x0a]
            case .notUTF8: Array("P:mu".utf8) + [0xc3, 0x28] + Array("sl\nV:1\n\n".utf8)
            case .nul: [0x00, 0x3a, 0x0a, 0x0a]
            case .tenMiBName: Array("P:".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20) + [0x0a, 0x0a]
            case .tenMiBWithoutNewline: [UInt8](repeating: UInt8(ascii: "Z"), count: 10 << 20)
            }
        }
    }

    @Test(arguments: Garbage.allCases)
    func warnsAboutBytesThatAreNotADatabase(_ garbage: Garbage) throws {
        let output = Self.catalog(garbage.bytes)
        #expect(output.packages.isEmpty)
        let warning = try #require(output.warnings.first)
        #expect(warning.path == Self.path && warning.message.hasPrefix("line "))
        #expect(warning.message.count < 300)
    }

    @Test(arguments: [
        // A database that apk created and then emptied: no package, and nothing wrong.
        "",
        // Blank lines only.
        "\n\n\n",
    ])
    func findsNoPackageInAnEmptyDatabase(_ database: String) {
        let output = Self.catalog(Array(database.utf8))
        #expect(output.packages.isEmpty && output.warnings.isEmpty)
    }

    @Test func boundsTheDatabaseItAsksFor() throws {
        let request = try #require(ApkCataloger().requests.first { $0.matches(Self.path) })
        #expect(request.maxSize == ApkCataloger.maxDatabaseSize)
    }
}

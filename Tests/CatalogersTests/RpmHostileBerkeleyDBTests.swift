@testable import Catalogers
import Foundation
import SBOM
import TestSupport
import Testing

/// Berkeley DB `Packages` files an attacker might write into a layer, made by corrupting the real file of
/// `RpmBerkeleyDBTests` (512-byte pages, little-endian) one field at a time. Each gives one warning naming the file
/// and the page or field at fault, never a crash or a hang; a header that does not parse is skipped with a warning
/// naming its header number, and the others still count.
@Suite struct RpmHostileBerkeleyDBTests {
    static let path = "var/lib/rpm/Packages"
    static let pageSize = 512

    static func catalog(_ database: [UInt8]) -> CatalogOutput {
        RpmCataloger().catalog(CatalogFiles(files: [path: (database, 4)]))
    }

    /// The corruptions, each of one field. An enum, so that a case's bytes are not printed.
    enum Corruption: CaseIterable {
        /// Too short to hold the metadata page.
        case shorterThanAPage
        /// The last pages cut off.
        case truncated
        /// No hash magic either way round.
        case badMagic
        /// A page size of 0, which would make every page number point at the metadata.
        case zeroPageSize
        /// A page size that is not a power of two.
        case oddPageSize
        /// A hash version before Berkeley DB 4.
        case unsupportedVersion
        /// More buckets than the file has pages.
        case tooManyBuckets
        /// A bucket page whose next page is past the file's end.
        case nextPageOutOfRange
        /// A bucket page whose next page is itself: the walk would go round for ever.
        case bucketChainLoops
        /// An overflow page whose next page is itself, before the value is whole.
        case overflowChainLoops
        /// An overflow page whose length runs past its page.
        case overflowLengthOverrunsPage
        /// An overflow chain that ends before the value does.
        case overflowChainEndsEarly
        /// An overflow reference whose total length is more than the whole file.
        case overflowLengthPastTheFile
        /// A bucket page whose first item offset is past the page.
        case itemOffsetOutOfPage
        /// A bucket page claiming more item offsets than the page holds.
        case tooManyEntries
        /// A page whose recorded number is not its own.
        case wrongPageNumber
        /// An overflow page retyped as a B-tree leaf.
        case wrongPageType

        /// What the warning must say, after the common prefix.
        var fragment: String {
            switch self {
            case .shorterThanAPage: "the file is 100 bytes, too short for the metadata page"
            case .truncated: "but its metadata says"
            case .badMagic: "the magic at offset 12 is 0x0"
            case .zeroPageSize: "the metadata's page size 0 is not a power of two"
            case .oddPageSize: "the metadata's page size 1000 is not a power of two"
            case .unsupportedVersion: "hash version 7 is not one of 8 to 10"
            case .tooManyBuckets: "the metadata says 4294967296 buckets"
            case .nextPageOutOfRange: "page 2147483647, named by bucket"
            case .bucketChainLoops, .overflowChainLoops: "was already read: a page chain loops"
            case .overflowLengthOverrunsPage: "has length 600, not from 1 to the"
            case .overflowChainEndsEarly: "the overflow chain ends at page"
            case .overflowLengthPastTheFile: "has overflow length 4294967280, more than the file's pages could hold"
            case .itemOffsetOutOfPage: "is at offset 65535, outside the page's item area"
            case .tooManyEntries: "has 300 entries, more than the page holds"
            case .wrongPageNumber: "records its number as 9999"
            case .wrongPageType: "has type 5, not the type its place needs"
            }
        }

        func apply(to original: [UInt8]) -> [UInt8] {
            var bytes = original
            // A bucket page that holds records.
            let hashPage = Self.pages(bytes) { $0 == 13 || $0 == 2 }.first { Self.entries(bytes, $0) >= 2 }!
            // A middle overflow page: it has a successor, so the value is not whole there.
            let overflowPage = Self.pages(bytes) { $0 == 7 }.first { Self.uint32(bytes, $0 * pageSize + 16) != 0 }!
            switch self {
            case .shorterThanAPage: bytes = Array(bytes.prefix(100))
            case .truncated: bytes = Array(bytes.prefix(bytes.count / 2))
            case .badMagic: Self.put(0, at: 12, in: &bytes)
            case .zeroPageSize: Self.put(0, at: 20, in: &bytes)
            case .oddPageSize: Self.put(1000, at: 20, in: &bytes)
            case .unsupportedVersion: Self.put(7, at: 16, in: &bytes)
            case .tooManyBuckets: Self.put(0xffff_ffff, at: 72, in: &bytes)
            case .nextPageOutOfRange: Self.put(0x7fff_ffff, at: hashPage * pageSize + 16, in: &bytes)
            case .bucketChainLoops: Self.put(UInt32(hashPage), at: hashPage * pageSize + 16, in: &bytes)
            case .overflowChainLoops: Self.put(UInt32(overflowPage), at: overflowPage * pageSize + 16, in: &bytes)
            case .overflowLengthOverrunsPage: Self.put16(600, at: overflowPage * pageSize + 22, in: &bytes)
            case .overflowChainEndsEarly: Self.put(0, at: overflowPage * pageSize + 16, in: &bytes)
            case .overflowLengthPastTheFile:
                let item = Self.offPageItems(bytes).first!
                Self.put(0xffff_fff0, at: item + 8, in: &bytes)
            case .itemOffsetOutOfPage: Self.put16(0xffff, at: hashPage * pageSize + 26, in: &bytes)
            case .tooManyEntries: Self.put16(300, at: hashPage * pageSize + 20, in: &bytes)
            case .wrongPageNumber: Self.put(9999, at: overflowPage * pageSize + 8, in: &bytes)
            case .wrongPageType: bytes[overflowPage * pageSize + 25] = 5
            }
            return bytes
        }

        /// The numbers of the pages whose type passes `isWanted`.
        static func pages(_ bytes: [UInt8], _ isWanted: (UInt8) -> Bool) -> [Int] {
            (1..<(bytes.count / pageSize)).filter { isWanted(bytes[$0 * pageSize + 25]) }
        }

        /// Where in the file each overflow reference (item type 3) of a hash page starts.
        static func offPageItems(_ bytes: [UInt8]) -> [Int] {
            pages(bytes) { $0 == 13 || $0 == 2 }.flatMap { page in
                let start = page * pageSize
                return (0..<entries(bytes, page)).map { start + Int(uint16(bytes, start + 26 + 2 * $0)) }
                    .filter { bytes[$0] == 3 }
            }
        }

        static func entries(_ bytes: [UInt8], _ page: Int) -> Int { Int(uint16(bytes, page * pageSize + 20)) }

        static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
            UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
        }

        static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
            bytes[offset..<(offset + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }

        static func put(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
            for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
        }

        static func put16(_ value: UInt16, at offset: Int, in bytes: inout [UInt8]) {
            bytes[offset] = UInt8(truncatingIfNeeded: value)
            bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
        }
    }

    @Test(arguments: Corruption.allCases)
    func warnsOnceNamingTheFileAndTheFault(_ corruption: Corruption) throws {
        let original = try #require(try RpmBerkeleyDBTests.fixture.get().packages[.smallPages])
        let output = Self.catalog(corruption.apply(to: original))
        let warning = try #require(output.warnings.first)
        #expect(output.warnings.count == 1, "\(output.warnings)")
        #expect(warning.cataloger == "rpm" && warning.path == Self.path && warning.layer == 4)
        #expect(warning.message.hasPrefix("not a readable Berkeley DB hash database: "), "\(warning.message)")
        #expect(warning.message.contains(corruption.fragment), "\(warning.message)")
        // Whatever was read before the fault is a whole, real package, never a repeat.
        let names = Set(RpmBerkeleyDBTests.specs.map { $0.split(separator: "\n")[0].dropFirst("Name: ".count) }
            .map(String.init))
        #expect(output.packages.allSatisfy { names.contains($0.name) })
        #expect(Set(output.packages.map(\.name)).count == output.packages.count)
        #expect(output.packages.count < RpmBerkeleyDBTests.specs.count)
    }

    @Test func keepsThePackagesReadBeforeTheFault() throws {
        var bytes = try #require(try RpmBerkeleyDBTests.fixture.get().packages[.smallPages])
        // The last bucket's page (`BS_TO_PAGE`: its number plus the spares entry of its bit count) is read last; a
        // next page past the file's end there is found only after every record has been read.
        let maxBucket = Int(Corruption.uint32(bytes, 72))
        let bits = Int.bitWidth - maxBucket.leadingZeroBitCount
        let lastPage = maxBucket + Int(Corruption.uint32(bytes, 96 + 4 * bits))
        #expect(Corruption.uint32(bytes, lastPage * Self.pageSize + 16) == 0)
        Corruption.put(0x7fff_ffff, at: lastPage * Self.pageSize + 16, in: &bytes)
        let output = Self.catalog(bytes)
        #expect(output.packages.count == RpmBerkeleyDBTests.specs.count)
        #expect(output.warnings.map(\.message) == [
            "not a readable Berkeley DB hash database: page 2147483647, named by bucket \(maxBucket), is not one of "
                + "the file's pages 1 to \(bytes.count / Self.pageSize - 1)",
        ])
    }

    @Test func readsBothByteOrdersOfTheMagic() throws {
        var bytes = [UInt8](repeating: 0, count: 512)
        Corruption.put(0x0006_1561, at: 12, in: &bytes)
        #expect(throws: BerkeleyDBError.unsupportedVersion(0)) { _ = try BerkeleyDBHash(bytes) }
        bytes[12..<16] = [0, 0x06, 0x15, 0x61]
        bytes[16..<20] = [0, 0, 0, 9]
        #expect(throws: BerkeleyDBError.badPageSize(0)) { _ = try BerkeleyDBHash(bytes) }
    }

    @Test func refusesPagesWithChecksumsAsRpmDoes() throws {
        let output = Self.catalog(try Self.database([RpmHeaderBlob.package("bash").bytes], checksum: true))
        #expect(output.packages.isEmpty)
        #expect(output.warnings.map(\.message) == [
            "not a readable Berkeley DB hash database: the file's pages carry checksums, a layout rpm does not write",
        ])
    }

    /// A `Packages` file holding `blobs` as headers 1, 2, …, written by `tools/rpm-bdb.py` with small pages.
    static func database(_ blobs: [[UInt8]], checksum: Bool = false) throws -> [UInt8] {
        let sqlite = try RpmRow.database(blobs.map { .blob($0) })
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(sqlite).write(to: URL(fileURLWithPath: directory + "/rpmdb.sqlite"))
        try Shell.run([TestPaths.packageRoot + "/tools/rpm-bdb.py", directory + "/rpmdb.sqlite", directory,
                       "--pagesize", "512"] + (checksum ? ["--checksum"] : []))
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/Packages")))
    }

    @Test func skipsAHeaderThatDoesNotParseNamingItsNumber() throws {
        let good = RpmHeaderBlob.package("bash", "4.2.46", "35.el7_9").bytes
        let output = Self.catalog(try Self.database([good, [1, 2, 3], Array(good.dropLast(4))]))
        #expect(output.packages.map(\.name) == ["bash"])
        let messages = output.warnings.map(\.message).sorted()
        #expect(messages == ["package row 2: header is 3 bytes but its sizes need 8",
                             "package row 3: header is \(good.count - 4) bytes but its sizes need \(good.count)"])
        #expect(output.warnings.allSatisfy { $0.path == Self.path && $0.layer == 4 })
    }

    @Test func summarisesPastTheWarningBound() throws {
        let blobs = [[UInt8]](repeating: [1, 2, 3], count: RpmCataloger.maxWarningsPerDatabase + 5)
        let output = Self.catalog(try Self.database(blobs))
        #expect(output.warnings.count == RpmCataloger.maxWarningsPerDatabase + 1)
        #expect(output.warnings.last?.message == "5 more package rows could not be read")
    }
}

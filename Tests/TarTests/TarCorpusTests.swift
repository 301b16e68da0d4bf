import TestSupport
import Foundation
import ImageModel
import Tar
import Testing

/// Archives Go's archive/tar rejects, from `go-archive-tar/EXPECTED.json`.
private func goMustError() -> [String] {
    let url = tarCorpus("go-archive-tar").appendingPathComponent("EXPECTED.json")
    guard let data = try? Data(contentsOf: url),
          let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let mustError = json["must_error"] as? [String: Any] else { return [] }
    return mustError.keys.sorted()
}

/// Writer golden files that hold only the header of a 16 GiB file: Go's reader tests never read them, and
/// every reader (GNU tar included) fails on their missing content.
private let goHeaderOnlyWriterOutputs = ["writer-big.tar", "writer-big-long.tar"]

private func goMustParse() -> [String] {
    let rejected = Set(goMustError() + goHeaderOnlyWriterOutputs)
    return corpusFiles("go-archive-tar", suffix: ".tar").filter { !rejected.contains($0) }
}

@Suite(.enabled(if: corpusExists("go-archive-tar"), "needs shared/corpora/tar/go-archive-tar"))
struct GoArchiveTarCorpusTests {
    @Test func expectationsListNineRejectedArchives() {
        #expect(goMustError().count == 9)
    }

    @Test(arguments: goMustError())
    func rejectsWhatGoRejects(name: String) throws {
        let bytes = try corpusBytes("go-archive-tar", name)
        #expect(throws: TarError.self) { try readArchive(bytes) }
    }

    @Test(arguments: goMustParse())
    func parsesWhatGoParses(name: String) throws {
        let bytes = try corpusBytes("go-archive-tar", name)
        let (entries, reader) = try readArchive(bytes, step: 700)
        #expect(reader.endOfArchive != nil)
        for read in entries { #expect(Int64(read.content.count) == read.entry.size) }
    }

    @Test(arguments: goHeaderOnlyWriterOutputs)
    func readsTheHeaderOfA16GiBFileThenReportsTheMissingContent(name: String) throws {
        var reader = TarReader(MemoryByteStream(try corpusBytes("go-archive-tar", name)))
        let entry = try #require(try reader.next())
        #expect(entry.size == 16 << 30)
        #expect(entry.name.hasSuffix("16gig.txt"))
        let error = #expect(throws: TarError.self) { try reader.next() }
        guard case .truncated = error else {
            Issue.record("expected truncated, got \(String(describing: error))")
            return
        }
    }

    @Test func rejectsAnOversizedPAXHeaderAsTooLong() throws {
        let bytes = try corpusBytes("go-archive-tar", "pax-bad-hdr-large.tar.bz2")
        let error = #expect(throws: TarError.self) { try readArchive(bytes) }
        guard case .fieldTooLong = error else {
            Issue.record("expected fieldTooLong, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("too long") == true)
    }

    @Test func readsGNUNamesAndSizes() throws {
        let (entries, reader) = try readArchive(try corpusBytes("go-archive-tar", "gnu.tar"))
        #expect(entries.map(\.entry.name) == ["small.txt", "small2.txt"])
        #expect(entries.map(\.entry.size) == [5, 11])
        #expect(entries.allSatisfy { $0.entry.format == .gnu })
        #expect(entries[0].content == Array("Kilts".utf8))
        #expect(entries[1].entry.headerOffset == 1024)
        #expect(entries[0].entry.userName == "dsymonds")
        #expect(reader.endOfArchive == .twoZeroBlocks)
    }

    @Test func readsALongPathFromPAX() throws {
        let (entries, _) = try readArchive(try corpusBytes("go-archive-tar", "pax.tar"))
        let longName = "a/" + (1...100).map(String.init).joined()
        #expect(entries.map(\.entry.name) == [longName, "a/b"])
        #expect(entries[0].entry.format == .pax)
        #expect(entries[0].entry.size == 7)
        #expect(entries[1].entry.type == .symbolicLink)
        #expect(entries[1].entry.linkName == String(longName.dropFirst(2)))
        #expect(entries[0].entry.modificationTime.nanoseconds != 0)
    }

    @Test func readsExtendedAttributes() throws {
        let (entries, _) = try readArchive(try corpusBytes("go-archive-tar", "xattrs.tar"))
        #expect(entries.count == 2)
        let selinux = Array("unconfined_u:object_r:default_t:s0\0".utf8)
        #expect(entries[0].entry.xattrs == ["user.key": Array("value".utf8), "user.key2": Array("value2".utf8),
                                            "security.selinux": selinux])
        #expect(entries[1].entry.xattrs == ["security.selinux": selinux])
        #expect(entries[0].entry.modificationTime == TarTimestamp(seconds: 1_386_065_770, nanoseconds: 448_252_320))
    }

    @Test func readsEverySparseFormat() throws {
        let (entries, _) = try readArchive(try corpusBytes("go-archive-tar", "sparse-formats.tar"))
        #expect(entries.map(\.entry.name)
            == ["sparse-gnu", "sparse-posix-0.0", "sparse-posix-0.1", "sparse-posix-1.0", "end"])
        for read in entries.prefix(4) {
            #expect(read.entry.realSize == 200)
            #expect(read.entry.sparseMap?.count == 95)
            #expect(read.entry.type == .regular)
            let dataLength = read.entry.sparseMap?.reduce(0) { $0 + $1.length }
            #expect(dataLength == read.entry.size)
        }
        #expect(entries[4].entry.sparseMap == nil)
        #expect(entries[4].content == Array("end\n".utf8))
    }
}

@Suite(.enabled(if: corpusExists("cpython"), "needs shared/corpora/tar/cpython"))
struct CPythonTarCorpusTests {
    @Test func parsesEveryHeaderVariantOfTesttar() throws {
        let (entries, reader) = try readArchive(try corpusBytes("cpython", "testtar.tar"), step: 4096)
        #expect(entries.count > 30)
        #expect(reader.endOfArchive != nil)
    }

    @Test func rejectsRecursion() throws {
        #expect(throws: TarError.self) { try readArchive(try corpusBytes("cpython", "recursion.tar")) }
    }
}

@Suite(.enabled(if: corpusExists("tar-split-asm"), "needs shared/corpora/tar/tar-split-asm"))
struct TarSplitCorpusTests {
    @Test(arguments: corpusFiles("tar-split-asm", suffix: ".tar.gz"))
    func parsesEveryArchive(name: String) throws {
        let (_, reader) = try readArchive(try corpusBytes("tar-split-asm", name))
        #expect(reader.endOfArchive != nil)
    }

    @Test func recordsHowTheArchiveEnded() throws {
        let (_, extra) = try readArchive(try corpusBytes("tar-split-asm", "extranils.tar.gz"))
        #expect(extra.endOfArchive == .twoZeroBlocks)
        #expect(!extra.trailingDataAfterEnd)
        let (_, short) = try readArchive(try corpusBytes("tar-split-asm", "notenoughnils.tar.gz"))
        #expect(short.endOfArchive == .missing)
    }

    @Test func readsGNULongNamesOfAFatArchive() throws {
        // 22 entries, five 5 MiB files, names up to 128 bytes through GNU `L` headers (checked with Python's tarfile).
        let (entries, _) = try readArchive(try corpusBytes("tar-split-asm", "fatlonglink.tar.gz"))
        #expect(entries.count == 22)
        #expect(entries.map(\.entry.nameBytes.count).max() == 128)
        #expect(entries.filter { $0.entry.size == 5 << 20 }.count == 5)
        #expect(entries.contains { $0.entry.metaHeaderTypes == [UInt8(ascii: "L")] })
    }

    @Test func escapesNamesThatAreNotUTF8() throws {
        let (entries, _) = try readArchive(try corpusBytes("tar-split-asm", "iso-8859.tar.gz"))
        #expect(entries.contains { $0.entry.name.contains("\\x") })
    }
}

@Suite(.enabled(if: corpusExists("moby-tarsum"), "needs shared/corpora/tar/moby-tarsum"))
struct MobyCorpusTests {
    static let layers = ["46af0962ab5afeb5ce6740d4d91652e69206fc991fd5328c1a94d364ad00e457/layer.tar",
                         "511136ea3c5a64f264b78b5433614aec563103b4d4702f3ba7d4d2698e22c158/layer.tar",
                         "xattr/layer.tar"] + (0...3).map { "collision/collision-\($0).tar" }

    @Test(arguments: layers)
    func parsesEveryTarsumLayer(path: String) throws {
        let (_, reader) = try readArchive(try corpusBytes("moby-tarsum", path))
        #expect(reader.endOfArchive != nil)
    }

    /// Despite its name, `broken.tar` is a complete archive mixing ustar and GNU headers: moby's
    /// `TestUntarUstarGnuConflict` expects Go to read it and find this long name, and GNU tar and Python read it too.
    @Test(.enabled(if: corpusExists("moby-pkg-archive"), "needs shared/corpora/tar/moby-pkg-archive"))
    func readsTheUstarGNUConflictArchive() throws {
        let (entries, reader) = try readArchive(try corpusBytes("moby-pkg-archive", "broken.tar"))
        #expect(entries.count == 10)
        #expect(entries.last?.entry.name
            == "root/.cpanm/work/1395823785.24209/Plack-1.0030/blib/man3/Plack::Middleware::LighttpdScriptNameFix.3pm")
        #expect(entries.last?.content.count == 6149)
        #expect(reader.endOfArchive == .twoZeroBlocks)
    }
}

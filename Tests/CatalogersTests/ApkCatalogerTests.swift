@testable import Catalogers
import SBOM
import Testing

@Suite struct ApkCatalogerTests {
    static func files(_ contents: [String: String], layer: Int = 0) -> CatalogFiles {
        CatalogFiles(files: contents.mapValues { (Array($0.utf8), layer) })
    }

    static let alpine = files([
        "etc/os-release": AlpineFixture.osRelease,
        "lib/apk/db/installed": AlpineFixture.database([AlpineFixture.musl, AlpineFixture.busybox(),
                                                        AlpineFixture.sslClient, AlpineFixture.muslUtils]),
    ])

    @Test func readsEveryPackageOfAnAlpineDatabase() throws {
        let output = ApkCataloger().catalog(Self.alpine)
        #expect(output.warnings.isEmpty)
        #expect(output.packages.map(\.name) == ["musl", "busybox", "ssl_client", "musl-utils"])

        let busybox = try #require(output.packages.first { $0.name == "busybox" })
        #expect(busybox.version == "1.36.1-r15")
        #expect(busybox.type == .apk)
        #expect(busybox.purl == "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1")
        #expect(busybox.architecture == "x86_64")
        #expect(busybox.licenses == ["GPL-2.0-only"])
        #expect(busybox.sourceName == "busybox")
        #expect(busybox.dependencies == ["so:libc.musl-x86_64.so.1"])
        #expect(busybox.locations == ["lib/apk/db/installed"])
    }

    @Test func attributesFilesToTheirDirectoryWithTheRecordedSHA1() throws {
        let packages = ApkCataloger().catalog(Self.alpine).packages
        let busybox = try #require(packages.first { $0.name == "busybox" })
        // Digests computed apart from the database, with Python's hashlib, from AlpineFixture.fileContents.
        #expect(busybox.files == [
            PackageFile(path: "bin/busybox", digest: "sha1:3beab2eb32e05dc2f485ef08fff2aebbc2671f18"),
            PackageFile(path: "etc/securetty", digest: "sha1:0ba625917ab068d0a6e9567bb6e1eed05502e49b"),
            PackageFile(path: "etc/udhcpd.conf", digest: "sha1:5bd09f51d2e5db0580f5501f21e9068d81f438be"),
            PackageFile(path: "usr/share/udhcpc/default.script",
                        digest: "sha1:fd2a0cf08f83f80b04fdbc7d8bdb91fb26eb1d55"),
        ])
        let musl = try #require(packages.first { $0.name == "musl" })
        #expect(musl.files.map(\.path) == ["lib/ld-musl-x86_64.so.1", "lib/libc.musl-x86_64.so.1"])
        #expect(musl.files[0].digest == "sha1:363c64248d4f1a6ff70892fd758960938ff184a9")
    }

    @Test func keepsDependencyConstraintsAndProvidesStyleNamesButNotConflicts() throws {
        let packages = ApkCataloger().catalog(Self.alpine).packages
        let utils = try #require(packages.first { $0.name == "musl-utils" })
        #expect(utils.dependencies == ["scanelf", "musl=1.2.4_git20230717-r4", "so:libc.musl-x86_64.so.1"])
        #expect(utils.licenses == ["MIT AND BSD-2-Clause AND GPL-2.0-or-later"])
        let client = try #require(packages.first { $0.name == "ssl_client" })
        #expect(client.dependencies == ["so:libc.musl-x86_64.so.1", "so:libcrypto.so.3", "so:libssl.so.3"])
        #expect(client.purl == "pkg:apk/alpine/ssl_client@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1")
    }

    @Test func namesTheDistributionFromAlpineReleaseWhenThereIsNoOSRelease() throws {
        let files = Self.files(["etc/alpine-release": "3.18.6\n",
                                "lib/apk/db/installed": AlpineFixture.database([AlpineFixture.musl])])
        let musl = try #require(ApkCataloger().catalog(files).packages.first)
        #expect(musl.purl == "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.18.6")
    }

    @Test func readsOldDatabasesThatRecordMD5InHex() throws {
        let database = "P:zlib\nV:1.2.8-r2\nF:lib\nR:libz.so.1.2.8\nZ:0123456789ABCDEF0123456789abcdef\n\n"
        let zlib = try #require(ApkCataloger().catalog(Self.files(["lib/apk/db/installed": database])).packages.first)
        #expect(zlib.files == [PackageFile(path: "lib/libz.so.1.2.8", digest: "md5:0123456789abcdef0123456789abcdef")])
        #expect(zlib.purl == "pkg:apk/alpine/zlib@1.2.8-r2")
    }

    @Test func findsNothingWithoutADatabase() {
        let output = ApkCataloger().catalog(Self.files(["etc/os-release": AlpineFixture.osRelease]))
        #expect(output.packages.isEmpty && output.warnings.isEmpty)
    }

    @Test func isOneOfTheDefaultCatalogersAndAsksForItsDatabase() {
        #expect(Catalog.defaultCatalogers.contains { $0.name == "apk" })
        #expect(Catalog.requests(Catalog.defaultCatalogers).contains { $0.matches("lib/apk/db/installed") })
    }
}

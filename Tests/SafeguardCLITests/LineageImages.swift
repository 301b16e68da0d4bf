import Foundation
import TestSupport

/// Real images for the lineage tests, built once on the mmdebstrap Debian root filesystem and cached: a vetted
/// base, applications on it, and images that borrow its layers or replace its files.
///
/// The root filesystem is stored uncompressed (`:none`): every image shares that one blob, and scans skip inflating
/// 170 MB per image.
enum LineageImages {
    /// The layout's tags, each an image.
    enum Tag: String, CaseIterable {
        /// The vetted base: the Debian root filesystem and one small layer.
        case base
        /// An application on the base: users added (`/etc/passwd`, `/etc/group`, `/etc/shadow` rewritten), a
        /// conffile edited, package docs and man pages deleted by whiteouts, a program added.
        case app
        /// The same application on a base the catalog does not know.
        case unapproved
        /// The base's first layer, a forged second one, and `base.name` naming the base.
        case borrowed
        /// The base, then a layer that overwrites `/bin/ls` and libc without touching the package database.
        case overwrite
        /// The base, then an apt upgrade of `hostname`: binary, status, md5sums and list changed together.
        case upgrade
    }

    /// Bumped when what is built here changes, so a stale cache is not reused.
    static let version = 1

    /// The layout directory, with one tag per `Tag`.
    static let layout: Result<String, any Error> = Result {
        let layout = TestPaths.cache + "/layouts/lineage-v\(version)"
        if FileManager.default.fileExists(atPath: layout + "/index.json") { return layout }
        let rootfs = try FixtureImages.debianRootfs.get()
        let work = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let partial = layout + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        try build(in: partial, rootfs: rootfs, work: work)
        try FileManager.default.createDirectory(atPath: TestPaths.cache + "/layouts", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: partial, toPath: layout)
        return layout
    }

    /// The label the borrowed image names its base with.
    static let baseNameKey = "org.opencontainers.image.base.name"
    /// The repository the tests record the base under.
    static let baseRepository = "registry.example/base/debian"

    private static func build(in layout: String, rootfs: String, work: String) throws {
        func member(_ path: String) throws -> String {
            try Shell.run(["tar", "-xOf", rootfs, "./" + path]).stdout
        }
        try TarWriter.write([.directory("etc/"), .file("etc/safeguard-base", "vetted base\n")],
                            to: work + "/base-extra.tar")
        try TarWriter.write([
            .directory("etc/"),
            .file("etc/passwd", try member("etc/passwd") + "app:x:1000:1000::/home/app:/bin/sh\n"),
            .file("etc/group", try member("etc/group") + "app:x:1000:\n"),
            .file("etc/shadow", try member("etc/shadow") + "app:!:19700:0:99999:7:::\n", mode: 0o640),
            .file("etc/bash.bashrc", try member("etc/bash.bashrc") + "umask 027\n"),
            .directory("home/app/"), .directory("opt/app/"),
            .file("opt/app/run.sh", "#!/bin/sh\nexec app\n", mode: 0o755),
            .directory("usr/share/doc/"), .file("usr/share/doc/.wh.coreutils"),
            .directory("usr/share/man/"), .file("usr/share/man/.wh..wh..opq"),
        ], to: work + "/app.tar")
        try TarWriter.write([.directory("etc/"), .file("etc/os-release", "ID=elsewhere\n")], to: work + "/other.tar")
        try TarWriter.write([.directory("etc/"), .file("etc/safeguard-base", "forged\n"),
                             .file("usr/local/bin/helper", "#!/bin/sh\n", mode: 0o755)], to: work + "/forged.tar")
        try TarWriter.write([
            .file("usr/bin/ls", "#!/bin/sh\nexec /tmp/.x \"$@\"\n", mode: 0o755),
            .file("usr/lib/x86_64-linux-gnu/libc.so.6", "\u{7F}ELF not the real libc\n", mode: 0o755),
        ], to: work + "/overwrite.tar")
        try writeUpgrade(to: work + "/upgrade.tar", member: member)

        let base = [rootfs + ":none", work + "/base-extra.tar:gzip"]
        let history = ["--history", "mmdebstrap bookworm minbase", "--history", "COPY base /etc/"]
        try FixtureImages.buildImage(layout: layout, tag: Tag.base.rawValue, layers: base, extra: history)
        try FixtureImages.buildImage(layout: layout, tag: Tag.app.rawValue, layers: base + [work + "/app.tar:gzip"],
                                     extra: history + ["--history", "RUN useradd app && rm -rf docs"])
        try FixtureImages.buildImage(layout: layout, tag: Tag.unapproved.rawValue,
                                     layers: [work + "/other.tar:gzip", work + "/app.tar:gzip"])
        try FixtureImages.buildImage(layout: layout, tag: Tag.borrowed.rawValue,
                                     layers: [rootfs + ":none", work + "/forged.tar:gzip"],
                                     extra: ["--label", "\(baseNameKey)=\(baseRepository):bookworm"])
        try FixtureImages.buildImage(layout: layout, tag: Tag.overwrite.rawValue,
                                     layers: base + [work + "/overwrite.tar:gzip"])
        try FixtureImages.buildImage(layout: layout, tag: Tag.upgrade.rawValue,
                                     layers: base + [work + "/upgrade.tar:gzip"],
                                     extra: history + ["--history", "RUN apt-get upgrade -y hostname"])
    }

    /// A layer as `apt-get upgrade hostname` writes it: the new binary, and the package's status stanza, md5sums
    /// and file list rewritten in the same layer.
    private static func writeUpgrade(to path: String, member: (String) throws -> String) throws {
        let binary = "\u{7F}ELF hostname 3.23+nmu2\n"
        let md5 = try Shell.run(["md5sum"], input: Array(binary.utf8)).stdout.prefix(32)
        let status = try member("var/lib/dpkg/status")
            .replacingOccurrences(of: "Version: 3.23+nmu1\nReplaces: nis", with: "Version: 3.23+nmu2\nReplaces: nis")
        precondition(status.contains("Version: 3.23+nmu2"), "the hostname stanza moved in this Debian release")
        let md5sums = try member("var/lib/dpkg/info/hostname.md5sums")
            .split(separator: "\n").map { $0.hasSuffix("  bin/hostname") ? "\(md5)  bin/hostname" : String($0) }
            .joined(separator: "\n") + "\n"
        try TarWriter.write([
            .file("usr/bin/hostname", binary, mode: 0o755),
            .file("var/lib/dpkg/status", status),
            .file("var/lib/dpkg/info/hostname.md5sums", md5sums),
            .file("var/lib/dpkg/info/hostname.list", try member("var/lib/dpkg/info/hostname.list")),
        ], to: path)
    }
}

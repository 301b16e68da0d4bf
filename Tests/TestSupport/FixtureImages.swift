import Foundation

/// Real images for tests: a Debian root filesystem from mmdebstrap, packed as an OCI layout with a second layer
/// that adds, changes and deletes files (a whiteout), as an image build would.
public enum FixtureImages {
    /// The Debian bookworm minbase root filesystem tarball from mmdebstrap, built once and cached between runs.
    public static let debianRootfs: Result<String, any Error> = Result {
        try Shell.run([TestPaths.packageRoot + "/scripts/debian-rootfs.sh", "bookworm-minbase"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Debian packages that install Python distributions (dist-info and egg-info, pip among them), Node modules
    /// under `usr/share/nodejs/` (scoped `@types/*` among them), gems (with Ruby's default gems) and a Composer
    /// library.
    public static let languagePackages = ["python3-requests", "python3-yaml", "python3-six", "python3-pip",
                                          "node-semver", "node-debug", "ruby-rack", "ruby-json",
                                          "php-composer-semver"]

    /// A Debian bookworm minbase root filesystem with `languagePackages` installed by apt, built once and cached.
    public static let languageRootfs: Result<String, any Error> = Result {
        try Shell.run([TestPaths.packageRoot + "/scripts/debian-rootfs.sh", "bookworm-lang",
                       "--include=" + languagePackages.joined(separator: ",")])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The layout `scripts/pip-image.sh` builds on `languageRootfs`: tags `installed` and `upgraded`, with what
    /// `pip inspect` said at each (`pip-inspect-TAG.json`), built once and cached.
    public static let pipLayers: Result<String, any Error> = Result {
        try Shell.run([TestPaths.packageRoot + "/scripts/pip-image.sh", "pip-layers", try languageRootfs.get()],
                      environment: ["SAFEGUARD_TEST_CACHE": TestPaths.cache])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The Debian image's layout directory, built once and cached between runs.
    public static let debian: Result<String, any Error> = Result {
        let layout = TestPaths.cache + "/layouts/debian-two-layers"
        if FileManager.default.fileExists(atPath: layout + "/index.json") { return layout }
        let rootfs = try debianRootfs.get()
        let work = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try TarWriter.write([
            .directory("etc/"),
            .file("etc/safeguard-fixture", "added by layer 1\n"),
            .file("etc/hostname", "changed-by-layer-1\n"),
            .file("etc/.wh.issue.net"),
        ], to: work + "/layer1.tar")
        let partial = layout + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        try buildImage(layout: partial, tag: "bookworm", layers: [rootfs + ":gzip", work + "/layer1.tar:gzip"],
                       extra: ["--history", "mmdebstrap bookworm minbase", "--history", "COPY fixture /etc/",
                               "--env", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                               "--label", "org.opencontainers.image.title=safeguard-fixture", "--cmd", "[\"bash\"]"])
        try FileManager.default.createDirectory(atPath: TestPaths.cache + "/layouts", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: partial, toPath: layout)
        return layout
    }

    /// The project's test tools (`oci-image.py`, `craft-tar.py`).
    public static let toolsDirectory = TestPaths.packageRoot + "/tools"
    /// The project's image-building test tool.
    static let tool = toolsDirectory + "/oci-image.py"

    /// Builds an image into an OCI layout with the project's test tool, returning the manifest digest.
    @discardableResult
    public static func buildImage(layout: String, tag: String, layers: [String], extra: [String] = []) throws
        -> String
    {
        var command = ["python3", tool, "image", "--layout", layout, "--tag", tag]
        for layer in layers { command += ["--layer", layer] }
        return try Shell.run(command + extra).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Builds an index over tags already in the layout.
    @discardableResult
    public static func buildIndex(layout: String, tag: String, members: [String]) throws -> String {
        var command = ["python3", tool, "index", "--layout", layout, "--tag", tag]
        for member in members { command += ["--member", member] }
        return try Shell.run(command).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

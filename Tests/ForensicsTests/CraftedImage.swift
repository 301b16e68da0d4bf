import Foundation
import ImageModel
import ImageSources
import TestSupport

/// A small two-layer image built by the project's tool into an OCI layout, whose manifest, config and index tests
/// rewrite. Every rewritten document is stored under its new digest and size, and the descriptors pointing to it
/// are updated, so the crafted image still verifies: it is validly addressed, only its content is hostile.
struct CraftedImage {
    let directory: String
    var layout: String { directory + "/layout" }
    static let tag = "v1"

    /// Builds the image, with `extra` arguments for the tool (labels, history).
    init(extra: [String] = []) throws {
        directory = try TestPaths.temporaryDirectory()
        try TarWriter.write([.directory("etc/"), .file("etc/os-release", "ID=test\n")], to: directory + "/base.tar")
        try TarWriter.write([.file("etc/motd", "hello\n")], to: directory + "/top.tar")
        try FixtureImages.buildImage(
            layout: layout, tag: Self.tag, layers: [directory + "/base.tar:gzip", directory + "/top.tar:gzip"],
            extra: ["--history", "ADD base.tar /", "--history", "RUN echo hello > /etc/motd",
                    "--label", "org.opencontainers.image.title=crafted"] + extra)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// Resolves the image the layout tags `tag`, as a scan would.
    func resolve(tag: String = Self.tag) throws -> ResolvedImage {
        try ImageResolver(source: OCILayoutSource(directory: layout, tag: tag),
                          platform: Platform(parsing: "linux/amd64")).resolve()
    }

    /// Builds an index over the image, tagged `tag`.
    func addIndex(tag: String) throws {
        try FixtureImages.buildIndex(layout: layout, tag: tag, members: [Self.tag])
    }

    // MARK: Rewriting documents

    /// Rewrites the text of the document `tag` points to (a manifest or an index).
    func editTaggedText(_ tag: String = Self.tag, _ transform: (String) -> String) throws {
        let (position, entry) = try indexEntry(tag)
        let bytes = Array(transform(String(decoding: try blob(entry["digest"] as! String), as: UTF8.self)).utf8)
        let digest = try store(bytes)
        try editIndexJSON { index in
            var manifests = index["manifests"] as! [[String: Any]]
            manifests[position]["digest"] = digest
            manifests[position]["size"] = bytes.count
            index["manifests"] = manifests
        }
    }

    /// Rewrites the manifest as a JSON object.
    func editManifest(_ transform: (inout [String: Any]) -> Void) throws {
        try editTaggedText { text in
            var manifest = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            transform(&manifest)
            return String(decoding: try! JSONSerialization.data(withJSONObject: manifest), as: UTF8.self)
        }
    }

    /// Rewrites the config's text and points the manifest at the result.
    func editConfigText(_ transform: (String) -> String) throws {
        let (_, entry) = try indexEntry(Self.tag)
        let manifestBytes = try blob(entry["digest"] as! String)
        let manifest = try JSONSerialization.jsonObject(with: Data(manifestBytes)) as! [String: Any]
        let config = manifest["config"] as! [String: Any]
        let bytes = Array(transform(String(decoding: try blob(config["digest"] as! String), as: UTF8.self)).utf8)
        let digest = try store(bytes)
        try editManifest { manifest in
            var config = manifest["config"] as! [String: Any]
            config["digest"] = digest
            config["size"] = bytes.count
            manifest["config"] = config
        }
    }

    /// Rewrites the config as a JSON object.
    func editConfig(_ transform: (inout [String: Any]) -> Void) throws {
        try editConfigText { text in
            var config = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            transform(&config)
            return String(decoding: try! JSONSerialization.data(withJSONObject: config), as: UTF8.self)
        }
    }

    // MARK: Layout plumbing

    private func blob(_ digest: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: layout + "/blobs/sha256/" + digest.dropFirst(7))))
    }

    /// Stores `bytes` under their digest and returns it.
    private func store(_ bytes: [UInt8]) throws -> String {
        let digest = Digest.of(bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: layout + "/blobs/sha256/" + digest.encoded))
        return digest.description
    }

    private func indexEntry(_ tag: String) throws -> (Int, [String: Any]) {
        let index = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: layout + "/index.json"))) as! [String: Any]
        let manifests = index["manifests"] as! [[String: Any]]
        let position = manifests.firstIndex {
            ($0["annotations"] as? [String: String])?["org.opencontainers.image.ref.name"] == tag
        }!
        return (position, manifests[position])
    }

    private func editIndexJSON(_ transform: (inout [String: Any]) -> Void) throws {
        let url = URL(fileURLWithPath: layout + "/index.json")
        var index = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        transform(&index)
        try JSONSerialization.data(withJSONObject: index).write(to: url)
    }
}

extension String {
    /// The text with `member` (`"key": value, `) inserted as the first member of its outermost object.
    func insertingFirstMember(_ member: String) -> String {
        guard let brace = firstIndex(of: "{") else { return self }
        return String(self[...brace]) + member + ", " + String(self[index(after: brace)...])
    }
}

import Foundation

/// What an SBOM describes: one image (one platform of it), and the tool run that catalogued it.
public struct SBOMSubject: Sendable, Hashable {
    /// The image reference as docker writes it (`docker.io/library/debian:12`), or the location of an image file.
    public var reference: String
    /// The repository with its registry (`docker.io/library/debian`), when the image has one; names the purl.
    public var repository: String?
    /// The tag the image was asked for by, when there was one.
    public var tag: String?
    /// The digest of the image manifest that was scanned, `algorithm:hex` (`sha256:…`).
    public var manifestDigest: String
    /// The digest of the index the manifest was chosen from, when the reference named an index.
    public var indexDigest: String?
    /// The platform of the manifest, `os/architecture[/variant]` (`linux/amd64`).
    public var platform: String
    /// The digests of the manifest's layers, base first, so that a package's layer index can be named by digest too;
    /// empty when not known.
    public var layerDigests: [String]
    /// The tool that wrote the SBOM (`safeguard`).
    public var toolName: String
    /// The tool's version.
    public var toolVersion: String
    /// When the SBOM was created; passed in so that output depends only on its inputs.
    public var created: Date

    /// Creates a subject.
    public init(reference: String, repository: String? = nil, tag: String? = nil, manifestDigest: String,
                indexDigest: String? = nil, platform: String, layerDigests: [String] = [],
                toolName: String = "safeguard", toolVersion: String, created: Date) {
        self.reference = reference
        self.repository = repository
        self.tag = tag
        self.manifestDigest = manifestDigest
        self.indexDigest = indexDigest
        self.platform = platform
        self.layerDigests = layerDigests
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.created = created
    }
}

extension SBOMSubject {
    /// The name the image goes by in the documents: its repository, else its reference.
    var imageName: String { repository ?? reference }

    /// The CPU architecture part of the platform (`amd64` of `linux/amd64`), if it has one.
    var architecture: String? {
        let parts = platform.split(separator: "/")
        return parts.count >= 2 ? String(parts[1]) : nil
    }

    /// The creation time in the form both specs accept: ISO 8601, UTC, whole seconds (`2024-01-02T03:04:05Z`).
    var createdText: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: created)
    }

    /// The digest of layer `index`, when the subject lists it.
    func layerDigest(_ index: Int) -> String? { layerDigests.indices.contains(index) ? layerDigests[index] : nil }

    /// Checks the fields the documents build identifiers from.
    /// - Throws: `SBOMFormatError` naming the field and value that is malformed.
    func validate() throws {
        try Self.checkDigest(manifestDigest, field: "manifest digest")
        if let indexDigest { try Self.checkDigest(indexDigest, field: "index digest") }
        guard !reference.isEmpty else { throw SBOMFormatError.emptyField("image reference") }
        guard !toolName.isEmpty else { throw SBOMFormatError.emptyField("tool name") }
        guard !toolVersion.isEmpty else { throw SBOMFormatError.emptyField("tool version") }
    }

    /// The digest split into algorithm and lowercase hex, e.g. (`sha256`, `9f86…`).
    var manifestDigestParts: (algorithm: String, hex: String) {
        let parts = manifestDigest.split(separator: ":", maxSplits: 1)
        return (String(parts[0]), String(parts[1]))
    }

    private static func checkDigest(_ digest: String, field: String) throws {
        let parts = digest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let algorithmCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789+._-")
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(algorithmCharacters.contains),
              parts[1].count >= 32, parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw SBOMFormatError.malformedDigest(field: field, value: digest)
        }
    }
}

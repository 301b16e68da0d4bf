import Attachments
import Foundation
import HTTP
import ImageModel
import ImageSources
import TestSupport

/// A small real image pushed by skopeo to the shared local registry, with a client for that registry.
struct PushedImage {
    let reference: Reference
    let client: RegistryClient
    let manifest: FetchedManifest

    var digest: Digest { manifest.digest }

    /// The image manifest's descriptor, as a referrer's `subject`.
    var descriptor: Descriptor {
        Descriptor(mediaType: manifest.mediaType ?? MediaType.ociManifest, digest: manifest.digest,
                   size: Int64(manifest.bytes.count))
    }

    /// Builds a two-file image and pushes it as `repository:v1` (each test its own repository).
    init(repository: String) throws {
        let registry = try LocalRegistry.shared.get()
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try TarWriter.write([.directory("etc/"), .file("etc/os-release", "ID=test\n")], to: directory + "/base.tar")
        try FixtureImages.buildImage(layout: directory + "/layout", tag: "v1", layers: [directory + "/base.tar:gzip"])
        try registry.push("oci:\(directory)/layout:v1", as: "\(repository):v1")
        reference = try Reference(parsing: "\(registry.host)/\(repository):v1")
        client = try RegistryClient(registry: registry.host, host: registry.host, options: testOptions())
        manifest = try client.fetchManifest(repository: repository, reference: "v1")
    }
}

/// Registry options with short timeouts and quick retries.
func testOptions() -> RegistryOptions {
    RegistryOptions(credentialStore: CredentialStore(files: []), http: HTTPClient.Configuration(
        userAgent: "safeguard/test", connectTimeout: 5, readTimeout: 10, maxRedirects: 3,
        retry: .init(maxAttempts: 2, initialBackoff: 0.001, maxBackoff: 0.01)))
}

/// A DSSE envelope around an empty statement, with a dummy signature: shape only, no cryptography here.
let dummyEnvelope = Array(
    #"{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[{"sig":"ZHVtbXk="}]}"#.utf8)

/// The SLSA provenance predicate type.
let slsaProvenance = "https://slsa.dev/provenance/v1"

extension Array where Element == AttachmentProblem {
    /// The case names, for tests that care about the kind of problem and not its exact text.
    var kinds: [String] { map(Self.kind) }

    private static func kind(_ problem: AttachmentProblem) -> String {
        switch problem {
        case .manifestUnavailable: "manifestUnavailable"
        case .manifestUnreadable: "manifestUnreadable"
        case .blobUnavailable: "blobUnavailable"
        case .layerTooLarge: "layerTooLarge"
        case .byteBudgetExhausted: "byteBudgetExhausted"
        case .unexpectedLayerMediaType: "unexpectedLayerMediaType"
        case .tooManyLayers: "tooManyLayers"
        case .tooManyAttachments: "tooManyAttachments"
        case .referrersUnavailable: "referrersUnavailable"
        case .subjectMismatch: "subjectMismatch"
        }
    }
}

import ImageSources

/// An artifact to attach to an image as a referrer, e.g. a Sigstore bundle.
public struct ReferrerArtifact: Sendable {
    /// One blob of the artifact.
    public struct Layer: Sendable {
        /// The blob's bytes.
        public var bytes: [UInt8]
        /// The blob's media type.
        public var mediaType: String
        /// The descriptor's annotations.
        public var annotations: [String: String]?

        /// Creates a layer.
        public init(bytes: [UInt8], mediaType: String, annotations: [String: String]? = nil) {
            self.bytes = bytes
            self.mediaType = mediaType
            self.annotations = annotations
        }
    }

    /// The manifest's `artifactType`, e.g. `application/vnd.dev.sigstore.bundle.v0.3+json`.
    public var artifactType: String
    /// The blobs, at least one.
    public var layers: [Layer]
    /// The manifest's annotations, copied into the fallback index entry too.
    public var annotations: [String: String]?

    /// Creates an artifact.
    public init(artifactType: String, layers: [Layer], annotations: [String: String]? = nil) {
        self.artifactType = artifactType
        self.layers = layers
        self.annotations = annotations
    }

    /// A Sigstore bundle as cosign attaches it: the bundle is the single layer, its media type the artifact type.
    public static func sigstoreBundle(_ bundle: [UInt8], mediaType: String = AttachmentMediaTypes.sigstoreBundleV03,
                                      annotations: [String: String]? = nil) -> ReferrerArtifact {
        ReferrerArtifact(artifactType: mediaType, layers: [Layer(bytes: bundle, mediaType: mediaType)],
                         annotations: annotations)
    }
}

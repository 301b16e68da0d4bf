/// Bounds on what discovery fetches: everything it reads comes from a registry that may be hostile.
public struct AttachmentLimits: Sendable {
    /// Why 64: an image has a few signatures, attestations and SBOMs, one set per subject; more is a registry
    /// trying to make discovery fetch without end.
    public var maxAttachments = 64
    /// Why 64: cosign appends one layer per signature to the `.sig` manifest; 64 signers of one image is beyond
    /// any real use.
    public var maxLayers = 64
    /// Why 32 MiB: signatures, envelopes and bundles are kilobytes; SBOMs of large images reach megabytes.
    public var maxLayerBytes = 32 * 1024 * 1024
    /// Why 256 MiB: all layers together, so many layers just under the single bound cannot add up unbounded.
    public var maxTotalBytes = 256 * 1024 * 1024

    /// Creates the default limits.
    public init() {}

    /// Creates limits, for tests and callers with other needs.
    public init(maxAttachments: Int, maxLayers: Int, maxLayerBytes: Int, maxTotalBytes: Int) {
        self.maxAttachments = maxAttachments
        self.maxLayers = maxLayers
        self.maxLayerBytes = maxLayerBytes
        self.maxTotalBytes = maxTotalBytes
    }
}

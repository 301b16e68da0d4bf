/// How a layer blob is compressed, as told by its media type or, failing that, its first bytes.
public enum Compression: String, Sendable {
    /// RFC 1952 gzip, possibly several members concatenated.
    case gzip
    /// RFC 8878 Zstandard, possibly several frames concatenated.
    case zstd
    /// A plain tar stream.
    case none

    /// The compression a layer media type announces, or nil when the media type is not a known layer type.
    ///
    /// Unknown media types give nil rather than a guess, so the caller can report them instead of
    /// silently treating some other blob (an attestation, a Helm chart) as a layer.
    /// - Parameter mediaType: an OCI or Docker layer media type, without parameters.
    public init?(layerMediaType mediaType: String) {
        switch mediaType {
        case "application/vnd.oci.image.layer.v1.tar",
             "application/vnd.oci.image.layer.nondistributable.v1.tar":
            self = .none
        case "application/vnd.oci.image.layer.v1.tar+gzip",
             "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
             "application/vnd.docker.image.rootfs.diff.tar.gzip",
             "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip":
            self = .gzip
        case "application/vnd.oci.image.layer.v1.tar+zstd",
             "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd":
            self = .zstd
        default:
            return nil
        }
    }

    /// The compression the first bytes of a blob show: gzip's `1f 8b`, zstd's `28 b5 2f fd`, anything else `.none`.
    ///
    /// Only the magic is checked; whether the rest is valid is found out while decompressing.
    /// - Parameter prefix: the first bytes of the blob; four are enough.
    public init(detectingMagicIn prefix: some Collection<UInt8>) {
        let head = Array(prefix.prefix(4))
        if head.count >= 2, head[0] == 0x1f, head[1] == 0x8b {
            self = .gzip
        } else if head == [0x28, 0xb5, 0x2f, 0xfd] {
            self = .zstd
        } else {
            self = .none
        }
    }
}

/// Bounds on one layer: past them the pass stops reading the layer and reports it, instead of running out of
/// time or memory on a decompression bomb or an archive of millions of empty entries.
public struct LayerLimits: Sendable, Hashable {
    /// The most uncompressed bytes one layer may hold. 64 GiB: far above real layers (the largest public
    /// images' layers are a few GiB), while a gzip bomb of a few MiB stops after about a minute of inflate.
    public var maxUncompressedBytes: Int64 = 64 << 30
    /// The most bytes one layer's blob may have, as received. The descriptor's size is checked too, but a source
    /// that keeps sending must not keep the pass reading forever.
    public var maxBlobBytes: Int64 = 64 << 30
    /// The most entries one layer may hold. A million: large node_modules layers hold a few hundred thousand;
    /// each entry costs the pass about 200 bytes of bookkeeping.
    public var maxEntries = 1_000_000
    /// The longest entry name or link target, in bytes, before the entry is reported. 32 KiB: Linux paths are
    /// at most 4 KiB (PATH_MAX) but real archives carry longer names that tools truncate (tar-split's test data
    /// has a 25 KB one); a longer name is read whole (the tar reader bounds it) and then reported.
    public var maxNameBytes = 32 * 1024
    /// The most bytes of file contents the pass keeps for analyzers over the whole image, all layers together.
    /// 256 MiB: requests keep reduced contents (matched lines, build information, package records), and the
    /// 1.6 GB Debian toolchain image of the benchmark keeps 5 MiB. Past the bound files are still read, digested
    /// and checked but no longer kept for analysis, and the layer where that began is reported.
    public var maxKeptBytes: Int64 = 256 << 20

    /// The defaults.
    public init() {}
}

/// A bound of `LayerLimits` a layer went past.
public enum LayerLimitExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    /// More uncompressed bytes than `maxUncompressedBytes`.
    case uncompressedBytes(limit: Int64)
    /// More blob bytes than `maxBlobBytes`.
    case blobBytes(limit: Int64)
    /// More entries than `maxEntries`.
    case entries(limit: Int)

    public var description: String {
        switch self {
        case .uncompressedBytes(let limit): "more than \(limit) uncompressed bytes (--max-layer-size)"
        case .blobBytes(let limit): "blob larger than \(limit) bytes (--max-layer-size)"
        case .entries(let limit): "more than \(limit) entries (--max-layer-entries)"
        }
    }
}

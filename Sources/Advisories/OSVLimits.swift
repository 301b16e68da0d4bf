/// Bounds on one OSV record, so that a hostile database entry costs bounded memory and time to refuse.
///
/// Advisory databases are downloaded from the network and unpacked from archives, so every record is untrusted.
/// Each bound sits far above the records of the test corpora (the largest, a Red Hat advisory, is 101 KiB with 228
/// affected entries; no range there has more than 16 events, no entry more than 66 versions) and well below what
/// would let one record stall a scan. Every error that a bound causes names the bound.
public enum OSVLimits {
    /// The largest record accepted, in bytes: 4 MiB, forty times the largest record of the corpora.
    public static let maxRecordBytes = 4 << 20
    /// How deeply arrays and objects may nest. The schema needs five levels (`affected`, entry, `ranges`, range,
    /// `events`); `database_specific` blocks add a few more. The parser recurses, so this also bounds its stack.
    public static let maxDepth = 64
    /// How many JSON values (objects, arrays, strings, numbers, literals) one record may hold in all. A 4 MiB record
    /// of `[0,0,…]` would otherwise become two million values in memory.
    public static let maxValues = 500_000
    /// How many `affected` entries a record may list; distribution advisories list one per release and package.
    public static let maxAffected = 10_000
    /// How many ranges one `affected` entry may hold.
    public static let maxRanges = 1_000
    /// How many events one range may hold; each is compared with the installed version at every match.
    public static let maxEvents = 10_000
    /// How many enumerated versions one `affected` entry may list.
    public static let maxVersions = 100_000
    /// How many entries other lists (`aliases`, `related`, `severity`, `references`) may hold.
    public static let maxListEntries = 10_000
    /// The longest identifier, version, ecosystem or package name accepted, in bytes.
    public static let maxTokenBytes = 1_024
}

/// The lineage findings' categories and rule IDs, as DESIGN.md and policies name them.
public enum LineageRules {
    /// The base is not a digest the catalog approves, or none could be decided while a catalog was given.
    public static let unapprovedBase = "lineage.unapproved-base"
    /// Leading layers shared with a vetted image to borrow its trust.
    public static let layerReuse = "lineage.layer-reuse"

    /// The image names a base the catalog does not approve, or whose layers its own do not start with.
    public static let claimedBaseUnapproved = "SG-LINEAGE-001"
    /// The image names no base and starts with no approved base's layers.
    public static let noApprovedBase = "SG-LINEAGE-002"
    /// The image carries a vetted repository's name and starts with some of a vetted image's layers, but not with
    /// all the layers of any approved digest of that repository.
    public static let borrowedLeadingLayers = "SG-LINEAGE-003"
    /// The image is published under a vetted repository, on an approved base, but is not itself approved.
    public static let unapprovedUnderVettedName = "SG-LINEAGE-004"
    /// A layer above the base replaces a file that a base package owns, without that package changing.
    public static let replacedBaseFile = "SG-LINEAGE-005"
}

/// The categories and rule identifiers of the name and metadata checks, so that every check names them the same
/// way. Rule IDs are stable: tools and policies match on them.
public enum NameRules {
    /// A name made to be mistaken for a well-known image's.
    public static let typosquat = "name.typosquat"
    /// Labels or annotations that claim an official publisher, home or source the image's path does not support.
    public static let impersonation = "metadata.impersonation"

    /// A name one or two edits (a swap counts as one) from a well-known name.
    public static let editDistance = "SG-NAME-001"
    /// A name drawn with look-alike characters (`0`/`o`, `rn`/`m`, Cyrillic, punycode).
    public static let lookalike = "SG-NAME-002"
    /// An official name with a separator changed or an affix that presents it as official.
    public static let affix = "SG-NAME-003"
    /// An official image's exact name under a namespace that is not its publisher's.
    public static let namespace = "SG-NAME-004"
    /// A registry host one edit or one look-alike from a well-known registry's.
    public static let registryHost = "SG-NAME-005"

    /// A publisher or home claimed in labels by an image whose name imitates that publisher's image.
    public static let claimOnLookalike = "SG-META-001"
    /// A label claiming to be a Docker Official Image (its home, its repository, Docker as vendor) on a path
    /// outside `library/`. Official images carry these as index annotations, never labels, so no base passed it on.
    public static let officialLabelClaim = "SG-META-002"
    /// A publisher claim in the image's own manifest annotations that its path does not support. Annotations are
    /// not inherited from a base: the publisher of this image wrote it.
    public static let annotationClaim = "SG-META-003"
}

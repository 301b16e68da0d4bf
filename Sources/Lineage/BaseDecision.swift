import ImageModel

/// Decides the base image: the longest approved layer list of the catalog that the image's computed layers start
/// with, named after what the image claims when a claim agrees.
///
/// Why layers decide and claims only name: annotations, labels and even provenance are written by whoever built the
/// image, and a copied `base.name` costs nothing; a diff_id prefix is the base's content itself.
///
/// Shortcoming: a claimed base the catalog does not list is not fetched from its registry to compare its layers,
/// so such a claim is reported unconfirmed rather than confirmed-but-unapproved. Left out on purpose for now: it
/// would have every scan contact whatever host an image's annotation names.
public enum BaseDecision {
    /// The decided base, or nil with the reason, and the claims marked confirmed where the base bears them out.
    public static func decide(_ input: LineageInput, catalog: BaseCatalog?)
        -> (base: BaseImage?, claims: [BaseClaim], note: String?)
    {
        guard let catalog else {
            return (nil, input.claims, "no catalog given (--catalog): a base is decided only against vetted layers")
        }
        var best: (entry: BaseCatalog.Entry, approved: BaseCatalog.ApprovedDigest, named: Bool)?
        for entry in catalog.entries {
            for approved in entry.digests where input.sharedPrefix(with: approved.diffIDs) == approved.diffIDs.count {
                let named = input.claims.contains { $0.names(entry, approved) }
                // Longest first; among equals (one base under two repositories), the one the image names, then the
                // catalog's first.
                if let current = best, current.approved.diffIDs.count > approved.diffIDs.count
                    || (current.approved.diffIDs.count == approved.diffIDs.count && (current.named || !named)) {
                    continue
                }
                best = (entry, approved, named)
            }
        }
        guard let best else {
            return (nil, input.claims, "the image starts with no approved base's layers in \(catalog.file)")
        }
        var claims = input.claims
        for index in claims.indices { claims[index].confirmed = claims[index].names(best.entry, best.approved) }
        let method: BaseDecisionMethod = if claims.contains(where: { $0.confirmed && $0.source == .provenance }) {
            .provenance
        } else if claims.contains(where: { $0.confirmed && $0.source == .annotation }) {
            .annotation
        } else if claims.contains(where: { $0.confirmed && $0.source == .label }) {
            .label
        } else {
            .layerPrefix
        }
        let base = BaseImage(name: best.entry.repository, digest: best.approved.digest.description, method: method,
                             confidence: method == .layerPrefix ? .medium : .high,
                             layerCount: best.approved.diffIDs.count, owner: best.entry.owner)
        return (base, claims, nil)
    }
}

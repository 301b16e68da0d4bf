import ImageModel

/// Decides the base image: the longest approved layer list of the catalog that the image's computed layers start
/// with, named after what the image claims when a claim agrees.
///
/// Why layers decide and claims only name: annotations, labels and even provenance are written by whoever built the
/// image, and a copied `base.name` costs nothing; a diff_id prefix is the base's content itself.
///
/// Without a catalog, a claimed base fetched from its registry (`scan --fetch-bases`) decides the base the same way:
/// only when its layers are the image's first layers. Fetching is asked for, not done by default, because it has a
/// scan contact whatever host an image's annotation names.
public enum BaseDecision {
    /// The decided base, or nil with the reason, and the claims marked confirmed where the base bears them out.
    public static func decide(_ input: LineageInput, catalog: BaseCatalog?)
        -> (base: BaseImage?, claims: [BaseClaim], note: String?)
    {
        guard let catalog else { return decideFromFetched(input) }
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
            // An unapproved base is still a fact worth showing: a fetched claim that the layers bear out is marked
            // confirmed, while the decision (and the findings) stay with the catalog.
            let claims = confirmedByFetched(input).claims
            return (nil, claims, "the image starts with no approved base's layers in \(catalog.file)")
        }
        var claims = input.claims
        for index in claims.indices { claims[index].confirmed = claims[index].names(best.entry, best.approved) }
        let method = method(claims)
        let base = BaseImage(name: best.entry.repository, digest: best.approved.digest.description, method: method,
                             confidence: method == .layerPrefix ? .medium : .high,
                             layerCount: best.approved.diffIDs.count, owner: best.entry.owner)
        return (base, claims, nil)
    }

    /// The base from the claims whose fetched layers the image starts with, the longest first.
    private static func decideFromFetched(_ input: LineageInput) -> (base: BaseImage?, claims: [BaseClaim],
                                                                      note: String?) {
        let (claims, fetched) = confirmedByFetched(input)
        guard let fetched else {
            var note = "no catalog given (--catalog): a base is decided only against vetted layers"
            if input.fetchedBases.isEmpty, !input.claims.isEmpty, input.fetchFailures.isEmpty {
                note += " or, with --fetch-bases, against the layers of the base the image names"
            } else if !input.fetchedBases.isEmpty {
                note += "; no base the image names, as its registry serves it, is a prefix of its layers"
            }
            return (nil, claims, ([note] + input.fetchFailures).joined(separator: "; "))
        }
        // High only when a claim pinned the digest the registry served: a tag may have moved since the build.
        let pinned = claims.contains { $0.confirmed && fetched.isNamed(byDigest: $0.digest) }
        let base = BaseImage(name: fetched.repository, digest: fetched.manifestDigest.description,
                             method: method(claims), confidence: pinned ? .high : .medium,
                             layerCount: fetched.diffIDs.count, owner: nil)
        return (base, claims, nil)
    }

    /// The claims marked confirmed where a fetched base they name is a prefix of the image's layers, and the
    /// longest such base.
    private static func confirmedByFetched(_ input: LineageInput) -> (claims: [BaseClaim], base: FetchedBase?) {
        let prefixes = input.fetchedBases.filter {
            !$0.diffIDs.isEmpty && input.sharedPrefix(with: $0.diffIDs) == $0.diffIDs.count
        }
        guard let longest = prefixes.max(by: { $0.diffIDs.count < $1.diffIDs.count }) else {
            return (input.claims, nil)
        }
        var claims = input.claims
        for index in claims.indices {
            let claim = claims[index]
            claims[index].confirmed = claim.name == longest.claimedName
                || (claim.name == nil && longest.isNamed(byDigest: claim.digest))
        }
        return (claims, longest)
    }

    /// The strongest source among confirmed claims; the layer prefix alone when none is confirmed.
    private static func method(_ claims: [BaseClaim]) -> BaseDecisionMethod {
        if claims.contains(where: { $0.confirmed && $0.source == .provenance }) { return .provenance }
        if claims.contains(where: { $0.confirmed && $0.source == .annotation }) { return .annotation }
        if claims.contains(where: { $0.confirmed && $0.source == .label }) { return .label }
        return .layerPrefix
    }
}

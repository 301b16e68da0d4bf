import Findings
import ImageModel

/// The findings of the base decision against the catalog: an unapproved or undecidable base, and vetted names
/// carried by images whose layers are not what the catalog approved under them.
enum LineageFindings {
    /// Findings for `input` given the decision; none without a catalog, since nothing was vetted.
    static func findings(_ input: LineageInput, catalog: BaseCatalog, base: BaseImage?, claims: [BaseClaim])
        -> [Finding]
    {
        let reuse = borrowedNames(input, catalog: catalog, base: base, claims: claims)
        let reusedClaims = Set(reuse.compactMap { $0.evidence.facts?["claimedName"] })
        guard base == nil else { return reuse }
        let unconfirmed = claims.filter { claim in !(claim.name.map(reusedClaims.contains) ?? false) }
        if unconfirmed.isEmpty, reuse.isEmpty {
            // Medium, not high: an image built from scratch or on an in-house base that nobody has vetted yet looks
            // the same, and neither is evidence of an attack; what the catalog asks for, review, is all it warrants.
            return [Finding(
                category: LineageRules.unapprovedBase, ruleID: LineageRules.noApprovedBase, severity: .medium,
                title: "No approved base: the image starts with none of the layer lists in \(catalog.file)",
                detail: "The image names no base and its leading layers match no approved digest of the catalog, so "
                    + "whatever it is built on has not been vetted. Build it on an approved base, or vet the base "
                    + "and record it with 'safeguard catalog add'.",
                evidence: Evidence(layer: input.layerDigests.first.map {
                                       LayerReference(index: 0, digest: $0.description)
                                   }, facts: ["catalog": catalog.file, "layers": String(input.layerDigests.count)]))]
        }
        return reuse + unconfirmed.map { claim in
            let named = claim.name ?? claim.digest ?? "?"
            let vetted = claim.repositoryName.flatMap(catalog.entry(named:)) != nil
                || (claim.digest.flatMap { try? Digest(parsing: $0) }.map { catalog.approves($0) } ?? false)
            let why = vetted ? "the catalog vets it, but the image's layers do not start with any approved digest's"
                : "the catalog does not list it"
            return Finding(
                category: LineageRules.unapprovedBase, ruleID: LineageRules.claimedBaseUnapproved, severity: .high,
                title: "Base \(named) is not approved: \(why)",
                detail: "The image says it is built on \(named) (\(claim.source.rawValue)), but \(why) in "
                    + "\(catalog.file). A base is believed only when its approved layers are the image's first layers.",
                evidence: Evidence(configField: claim.field, facts: claim.facts(catalog: catalog)))
        }
    }

    /// SG-LINEAGE-003 and -004: a vetted repository's name on an image that is not one of its approved digests.
    private static func borrowedNames(_ input: LineageInput, catalog: BaseCatalog, base: BaseImage?,
                                      claims: [BaseClaim]) -> [Finding] {
        var findings: [Finding] = []
        var carried: [(name: String, written: String, claim: BaseClaim?)] = []
        if let reference = input.reference { carried.append((reference.name, reference.description, nil)) }
        for claim in claims { if let name = claim.repositoryName { carried.append((name, claim.name!, claim)) } }
        var reported: Set<String> = []
        for (name, written, claim) in carried {
            guard let entry = catalog.entry(named: name), reported.insert(name).inserted else { continue }
            if entry.digests.contains(where: { $0.digest == input.manifestDigest }) { continue }
            let extended = entry.digests.first { input.sharedPrefix(with: $0.diffIDs) == $0.diffIDs.count }
            if let extended {
                // Built on an approved digest of the repository it names: honest for a base.name, but an image
                // published under the vetted repository itself is not vetted by being built on it.
                guard claim == nil else { continue }
                findings.append(Finding(
                    category: LineageRules.layerReuse, ruleID: LineageRules.unapprovedUnderVettedName,
                    severity: .medium,
                    title: "\(written) is published under vetted repository \(entry.repository) but is not approved",
                    detail: added(input.diffIDs.count - extended.diffIDs.count, to: extended)
                        + "; anything pulling \(entry.repository) trusts what the catalog vetted there, which this "
                        + "image is not.",
                    evidence: Evidence(facts: ["reference": written, "catalog": catalog.file,
                                               "approvedBase": extended.digest.description])))
                continue
            }
            let (shared, image) = longestShare(input, catalog: catalog)
            guard shared > 0, let image else { continue }
            let layer = input.layerDigests.indices.contains(shared)
                ? LayerReference(index: shared, digest: input.layerDigests[shared].description) : nil
            var facts = ["carriedName": written, "catalog": catalog.file, "sharedLayers": String(shared),
                         "sharedWith": image]
            if let claim { facts["claimedName"] = claim.name }
            findings.append(Finding(
                category: LineageRules.layerReuse, ruleID: LineageRules.borrowedLeadingLayers, severity: .high,
                title: "\(written) carries vetted name \(entry.repository) but only its first \(shared) layers are "
                    + "a vetted image's",
                detail: "The image starts with \(shared) layers of \(image) and then departs from every approved "
                    + "digest of \(entry.repository): leading layers borrowed to lend the name's trust to other "
                    + "content. If this is a new release of \(entry.repository), vet it and record it with "
                    + "'safeguard catalog add'.",
                evidence: Evidence(layer: layer, configField: claim?.field, facts: facts)))
        }
        return findings
    }

    /// What an image under a vetted name did to the approved digest it is built on.
    private static func added(_ count: Int, to approved: BaseCatalog.ApprovedDigest) -> String {
        guard count > 0 else {
            // Same layers, another manifest digest: its config (entrypoint, env, user) or manifest differs.
            return "It has exactly the layers of approved digest \(approved.digest) under another manifest digest, "
                + "so its config or manifest differs from what was vetted"
        }
        return "Its first \(approved.diffIDs.count) layers are approved digest \(approved.digest), and it adds "
            + "\(count) more"
    }

    /// The most leading layers the image shares with any approved digest, and that digest as `repository@digest`.
    private static func longestShare(_ input: LineageInput, catalog: BaseCatalog) -> (Int, String?) {
        var best = (0, nil as String?)
        for entry in catalog.entries {
            for approved in entry.digests {
                let shared = input.sharedPrefix(with: approved.diffIDs)
                if shared > best.0 { best = (shared, "\(entry.repository)@\(approved.digest)") }
            }
        }
        return best
    }
}

extension BaseClaim {
    /// The report field the claim was read from.
    var field: String {
        switch source {
        case .provenance: "provenance.materials"
        case .annotation: "manifest.annotations[\(name != nil ? LineageInput.baseNameKey : LineageInput.baseDigestKey)]"
        case .label: "config.Labels[\(name != nil ? LineageInput.baseNameKey : LineageInput.baseDigestKey)]"
        }
    }

    func facts(catalog: BaseCatalog) -> [String: String] {
        var facts = ["catalog": catalog.file, "source": source.rawValue]
        facts["claimedName"] = name
        facts["claimedDigest"] = digest
        return facts
    }
}

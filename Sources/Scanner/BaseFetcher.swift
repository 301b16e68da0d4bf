import ImageModel
import ImageSources
import Lineage

/// Fetches the bases an image claims from their registries (`scan --fetch-bases`): manifest and config only, for
/// the layer list the base decision compares with the image's.
///
/// Why only manifests and configs: the base's layers are never downloaded; its diff_ids, which its config lists and
/// its registry digests vouch for, are all the comparison needs. A claim is hostile input: a name that is not a
/// registry reference is skipped, a claimed digest is fetched by digest (so the registry cannot serve other
/// content under it), and the number of claims followed is bounded.
struct BaseFetcher {
    let platform: Platform
    let registryOptions: RegistryOptions

    /// An image names one base, perhaps in three places; more distinct names than this are padding.
    static let maxFetchedClaims = 4

    /// The claimed bases that could be fetched, and one line for each that could not.
    func fetch(_ claims: [BaseClaim]) -> (bases: [FetchedBase], failures: [String]) {
        var bases: [FetchedBase] = []
        var failures: [String] = []
        var seen: Set<String> = []
        for claim in claims {
            guard let name = claim.name, seen.count < Self.maxFetchedClaims, seen.insert(name).inserted else {
                continue
            }
            guard let named = try? Reference(parsing: name) else {
                failures.append("claimed base '\(name)' is not an image reference")
                continue
            }
            // Fetch by the claimed digest when there is one: a tag may have moved since the image was built.
            let digest = named.digest ?? claim.digest.flatMap { try? Digest(parsing: $0) }
            let reference = Reference(registry: named.registry, repository: named.repository,
                                      tag: digest == nil ? named.tag : nil, digest: digest)
            do {
                let source = try openSource(.registry(reference), options: registryOptions)
                let image = try ImageResolver(source: source, platform: platform).resolve()
                bases.append(FetchedBase(claimedName: name, repository: named.name,
                                         manifestDigest: image.manifestDigest, indexDigest: image.indexDigest,
                                         diffIDs: image.config.rootfs?.diffIDs ?? []))
            } catch {
                failures.append("claimed base \(reference) could not be fetched: \(error)")
            }
        }
        return (bases, failures)
    }
}

import Foundation
import HTTP
import ImageModel

extension RegistryClient {
    /// Why 1,000: an image carries a handful of referrers (signatures, SBOMs, one provenance per build); a longer
    /// list is a registry trying to make the client fetch without end, and is refused rather than cut short, as a
    /// cut list could hide the one referrer that matters.
    public static let maxReferrers = 1000

    /// The fallback tag for `digest`, `<alg>-<hex>`, the hex cut to 64 characters as the distribution spec says.
    public static func referrersTag(for digest: Digest) -> String {
        "\(digest.algorithm.rawValue)-\(digest.encoded.prefix(64))"
    }

    /// Lists the referrers of a manifest: through the referrers API, or, when the registry answers 404 or with
    /// something that is not an image index, from the fallback tag's index (none when that tag is missing).
    /// - Parameter artifactType: keep only referrers of this artifact type; applied here too, as the registry
    ///   may ignore the filter.
    /// - Throws: `SourceError` when either way fails or lists more than `maxReferrers` descriptors.
    public func referrers(repository: String, subject: Digest, artifactType: String? = nil) throws -> Referrers {
        let keep: (Descriptor) -> Bool = { artifactType == nil || $0.artifactType == artifactType }
        if let listed = try referrersFromAPI(repository: repository, subject: subject, artifactType: artifactType) {
            return Referrers(subject: subject, descriptors: listed.filter(keep), source: .api)
        }
        let tag = Self.referrersTag(for: subject)
        let listed = try referrersFromTag(repository: repository, tag: tag)
        return Referrers(subject: subject, descriptors: listed.filter(keep), source: .fallbackTag(tag))
    }

    /// The API's answer, following `Link` pages, or nil when the registry does not offer the API.
    private func referrersFromAPI(repository: String, subject: Digest, artifactType: String?) throws
        -> [Descriptor]?
    {
        let what = "referrers of \(registry)/\(repository)@\(subject)"
        var next: String? = "/v2/\(repository)/referrers/\(subject)" + Self.artifactTypeQuery(artifactType)
        var descriptors: [Descriptor] = []
        var pages = 0
        var headers = HTTPHeaders()
        headers.add("Accept", MediaType.ociIndex)
        while let current = next, pages < Self.maxPages {
            pages += 1
            let response = try send(.get, current, scope: pullScope(repository), headers: headers, what: what)
            if response.status == 404, pages == 1 {
                response.close()
                return nil
            }
            guard (200..<300).contains(response.status) else { throw try failure(response, what: what) }
            let bytes = try read(response, limit: ManifestDocument.maxSize, what: what)
            // An answer that is not an index comes from a registry (or a proxy in front of it) that does not
            // implement the API, e.g. a catch-all page; the spec's fallback is the tag.
            guard case .index(let index)? = try? ManifestDocument.parse(
                bytes, declaredMediaType: response.headers["Content-Type"].map { String($0.prefix { $0 != ";" }) },
                origin: what)
            else {
                if pages == 1 { return nil }
                throw SourceError.read(what: what, reason: "page \(pages) is not an image index")
            }
            descriptors += index.manifests
            try Self.checkReferrerCount(descriptors.count, what: what)
            next = response.headers["Link"].flatMap(Self.nextLink)
        }
        return descriptors
    }

    /// The fallback tag's index, or no referrers when the tag does not exist.
    private func referrersFromTag(repository: String, tag: String) throws -> [Descriptor] {
        let what = "referrers tag \(registry)/\(repository):\(tag)"
        guard let fetched = try fetchManifestIfPresent(repository: repository, tag: tag) else { return [] }
        let document: ManifestDocument
        do {
            document = try ManifestDocument.parse(fetched.bytes, declaredMediaType: fetched.mediaType, origin: what)
        } catch {
            throw SourceError.read(what: what, reason: "\(error)")
        }
        guard case .index(let index) = document else {
            throw SourceError.read(what: what, reason: "an image manifest, where the spec puts an image index")
        }
        try Self.checkReferrerCount(index.manifests.count, what: what)
        return index.manifests
    }

    private static func checkReferrerCount(_ count: Int, what: String) throws {
        guard count <= maxReferrers else {
            throw SourceError.read(what: what, reason: "more than \(maxReferrers) referrers listed")
        }
    }

    private static func artifactTypeQuery(_ artifactType: String?) -> String {
        guard let artifactType else { return "" }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "?artifactType=" + (artifactType.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }
}

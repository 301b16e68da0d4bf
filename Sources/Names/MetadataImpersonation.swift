import Findings
import ImageModel

/// `metadata.impersonation`: labels and annotations that claim an official publisher or home (vendor, authors,
/// maintainer, url, source, documentation) which the image's repository path does not support.
///
/// Labels are inherited: an image built on `bitnami/nginx` carries Bitnami's vendor label without claiming
/// anything. So a label claim counts only when the name also imitates that publisher's image, or when it claims
/// Docker's library, whose images carry such claims as index annotations and never as labels. Manifest annotations
/// are not inherited, so an unsupported claim there is this image's own. The base claims (`base.name`,
/// `base.digest`) are not judged here: `base.name` is checked as a name by `NameChecks`, and whether the claimed
/// base's layers really are a prefix of this image's is the lineage check's to decide.
public struct MetadataImpersonation: Sendable {
    /// The name checks, whose catalog entries are also trusted here.
    public let names: NameChecks

    /// Keys whose values claim a publisher by name.
    static let vendorKeys = ["org.opencontainers.image.vendor", "org.label-schema.vendor", "vendor",
                             "org.opencontainers.image.authors", "maintainer", "org.label-schema.maintainer"]
    /// Keys whose values claim a home or source.
    static let homeKeys = ["org.opencontainers.image.url", "org.opencontainers.image.source",
                           "org.opencontainers.image.documentation", "org.label-schema.url",
                           "org.label-schema.vcs-url", "org.label-schema.usage"]
    /// A claim longer than this is not a vendor name or a URL; it is not parsed.
    static let maxClaimLength = 2048

    /// Creates the check.
    public init(names: NameChecks = NameChecks()) {
        self.names = names
    }

    /// A publisher claim found in a label or annotation.
    struct Claim {
        let key: String
        let value: String
        let field: String
        let publisher: Publisher
        let fromAnnotation: Bool
    }

    /// The findings for an image scanned as `reference`; nothing when the reference is unknown, since the claims
    /// are judged against the path.
    public func findings(reference: Reference?, labels: [String: String], annotations: [String: String])
        -> [Finding]
    {
        guard let reference, !names.extraNames.contains(reference.name) else { return [] }
        let claims = Self.claims(in: annotations, fromAnnotation: true)
            + Self.claims(in: labels, fromAnnotation: false)
        let imitation = names.match(reference.description)
        return claims.compactMap { claim in
            guard !Self.supports(reference, claim.publisher) else { return nil }
            if claim.fromAnnotation {
                return finding(claim, reference: reference, rule: NameRules.annotationClaim, severity: .high,
                               why: "Manifest annotations are written for this image, not inherited from a base: "
                                   + "its publisher claims to be \(claim.publisher.name).")
            }
            if let imitation, Self.imitates(imitation, claim.publisher) {
                // An organisation's rebuild of the official image under its own namespace inherits the official
                // labels (nginx's maintainer); a look-alike name has no such excuse.
                let rebuild = imitation.method == .namespace
                return finding(claim, reference: reference, rule: NameRules.claimOnLookalike,
                               severity: rebuild ? .medium : .high,
                               why: "The name imitates \(imitation.imitates) and the labels borrow its publisher's "
                                   + "identity: a look-alike dressed as the real image"
                                   + (rebuild ? ", unless this is a rebuild of it that inherited its labels." : "."))
            }
            if claim.publisher.isDockerLibrary {
                return finding(claim, reference: reference, rule: NameRules.officialLabelClaim, severity: .medium,
                               why: "Docker Official Images carry their home and source as index annotations, "
                                   + "never as labels, so no official base passed this label on.")
            }
            return nil
        }
    }

    func finding(_ claim: Claim, reference: Reference, rule: String, severity: Severity, why: String) -> Finding {
        let value = NameChecks.quoted(claim.value)
        return Finding(
            category: NameRules.impersonation, ruleID: rule, severity: severity,
            title: "\(reference.name) claims \(claim.publisher.name) in \(claim.field)",
            detail: "\(claim.field) is '\(value)', a claim of \(claim.publisher.name), but \(reference.name) is not "
                + "a path \(claim.publisher.name) publishes to. \(why)",
            evidence: Evidence(configField: claim.field,
                               facts: ["claim": value, "publisher": claim.publisher.name,
                                       "reference": reference.description]))
    }

    /// The claims among `values`, in key order.
    static func claims(in values: [String: String], fromAnnotation: Bool) -> [Claim] {
        // One pass over the labels, however many a hostile config holds; keys compared lower-cased, as people
        // write `Vendor` and `MAINTAINER` too. The first key in sorted order wins when several differ by case.
        let claimKeys = Set(vendorKeys + homeKeys)
        var byKey: [String: String] = [:]
        for key in values.keys {
            let lower = key.lowercased()
            guard claimKeys.contains(lower) else { continue }
            if let kept = byKey[lower], kept <= key { continue }
            byKey[lower] = key
        }
        var found: [Claim] = []
        for key in claimKeys.sorted() {
            guard let original = byKey[key], let value = values[original], value.utf8.count <= maxClaimLength else {
                continue
            }
            let field = fromAnnotation ? "manifest.annotations[\(NameChecks.quoted(original))]"
                : "config.Labels[\(NameChecks.quoted(original))]"
            let publisher = vendorKeys.contains(key) ? publisher(namedBy: value) : publisher(homedAt: value)
            if let publisher {
                found.append(Claim(key: key, value: value, field: field, publisher: publisher,
                                   fromAnnotation: fromAnnotation))
            }
        }
        return found
    }

    /// The publisher a vendor, author or maintainer text names: its words start with one of the publisher's
    /// names (`Docker, Inc.`, `NGINX Docker Maintainers <…>`). A name later in the text (`Acme, on Debian`) is a
    /// mention, not a claim.
    static func publisher(namedBy text: String) -> Publisher? {
        let words = Confusables.skeleton(text).split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == ".") })
            .map { String($0).trimming(".") }.filter { !$0.isEmpty }
        return Publisher.known.first { publisher in
            publisher.vendorNames.contains { name in
                words.count >= name.count && Array(words.prefix(name.count)) == name
            }
        }
    }

    /// The publisher whose home a URL points at.
    static func publisher(homedAt url: String) -> Publisher? {
        var text = Confusables.skeleton(url.trimmingWhitespace())
        let schemes = ["https://", "http://", "git+https://", "git://", "ssh://git@", "git@"]
        for scheme in schemes where text.hasPrefix(scheme) {
            text.removeFirst(scheme.count)
        }
        text = text.replacingFirst(":", with: "/", ifBefore: "/")
        if text.hasPrefix("www.") { text.removeFirst(4) }
        let host = String(text.prefix { $0 != "/" && $0 != ":" })
        return Publisher.known.first { publisher in
            publisher.homes.contains { home in
                home.contains("/") ? text.hasPrefix(home) : (host == home || host.hasSuffix("." + home))
            }
        }
    }

    /// Whether `reference`'s path is one `publisher` publishes to, or a mirror of one.
    static func supports(_ reference: Reference, _ publisher: Publisher) -> Bool {
        let path = ImagePath(reference)
        if publisher.registries.contains(path.host) { return true }
        if path.owners.contains(where: publisher.namespaces.contains) { return true }
        guard path.isLibrary || path.isBare else { return false }
        return publisher.images.contains(path.name)
            || (publisher.isDockerLibrary && WellKnownImages.allOfficialNames.contains(path.name))
    }

    /// Whether the name's imitation targets one of `publisher`'s images.
    static func imitates(_ match: NameMatch, _ publisher: Publisher) -> Bool {
        let target = match.imitates
        if publisher.isDockerLibrary { return target.hasPrefix("docker.io/library/") }
        if publisher.images.contains(where: { target == NameChecks.officialReference($0) }) { return true }
        return publisher.namespaces.contains { target == "docker.io/\($0)/*" }
    }
}

extension String {
    /// An scp-style `host:path` (`git@github.com:docker-library/python`) read as `host/path`.
    func replacingFirst(_ target: Character, with replacement: Character, ifBefore boundary: Character) -> String {
        guard let index = firstIndex(of: target), firstIndex(of: boundary).map({ index < $0 }) ?? true else {
            return self
        }
        var copy = self
        copy.replaceSubrange(index...index, with: String(replacement))
        return copy
    }
}

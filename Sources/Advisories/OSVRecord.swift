/// Strict reading of OSV records (`https://ossf.github.io/osv-schema/`) into `Advisory` values.
///
/// What is checked, and why it is refused rather than repaired:
/// - the bytes are one JSON object of at most `OSVLimits.maxRecordBytes`, nested at most `OSVLimits.maxDepth`
///   levels, with no key repeated in any object (two parsers would otherwise read two different records);
/// - `id` and `modified` are present; `modified`, `published` and `withdrawn` are RFC 3339 date-times;
/// - every field the schema defines has the JSON type the schema gives it (`null` only where the schema allows it);
/// - ranges are `SEMVER`, `ECOSYSTEM` or `GIT`; each has events, at least one `introduced`, never both `fixed` and
///   `last_affected`, no version twice (the linter's "range is distinct" check), and each event has exactly one of
///   `introduced`, `fixed`, `last_affected`, `limit`; `GIT` ranges have a `repo` and full commit hashes;
/// - a package has a non-empty `ecosystem` and `name`; package severities do not coexist with record severities;
/// - counts stay within `OSVLimits`.
///
/// Deliberately accepted: fields the schema does not define, at any level, as the spec's `schema_version` section
/// asks of readers of newer records (the JSON schema file itself forbids unknown top-level fields; the prose wins,
/// or every schema release would break older scanners); ecosystems, ID prefixes, severity types and reference types
/// the schema does not list yet, for the same reason (an unknown severity type is kept as written and left to the
/// scorer to skip).
/// An `affected` entry without a `package` is valid (the schema does not require one; it carries `GIT` ranges for
/// a repository) but names nothing a scanner can match, since evaluation compares packages, so it is checked and then
/// left out of the `Advisory`.
public enum OSVRecord {
    /// Parses one OSV JSON record.
    /// - Parameters:
    ///   - bytes: the record exactly as stored.
    ///   - source: where it came from (a file path, or `all.zip:GHSA-x.json`), for errors.
    /// - Returns: the advisory.
    /// - Throws: `OSVError` naming the source, the JSON path of the first offending field and what is wrong.
    public static func parse(_ bytes: [UInt8], source: String) throws(OSVError) -> Advisory {
        let root = try OSVJSONParser.parse(bytes, source: source)
        guard case .object = root else {
            throw OSVError(source: source, field: "$", reason: "the record is a JSON \(root.typeName), not an object")
        }
        let record = try OSVObject(root, source: source, path: [])

        let id = try record.requiredToken("id")
        guard let modified = try timestamp(record, "modified") else { throw record.error("modified", "missing") }
        let published = try timestamp(record, "published")
        let withdrawn = try timestamp(record, "withdrawn")
        _ = try record.string("schema_version")

        let aliases = try record.strings("aliases", limit: OSVLimits.maxListEntries, nullable: true)
        let related = try record.strings("related", limit: OSVLimits.maxListEntries)
        _ = try record.strings("upstream", limit: OSVLimits.maxListEntries)
        let summary = try record.string("summary")
        let details = try record.string("details")
        let severity = try severities(record)
        let references = try self.references(record)
        try checkCredits(record)
        try record.requireObjectIfPresent("database_specific")

        var affected: [Affected] = []
        for entry in try record.objects("affected", limit: OSVLimits.maxAffected, nullable: true) {
            if let parsed = try affectedEntry(entry, recordHasSeverity: !severity.isEmpty) { affected.append(parsed) }
        }
        return Advisory(id: id, modified: modified, published: published, withdrawn: withdrawn, aliases: aliases,
                        related: related, summary: summary, details: details, severity: severity,
                        affected: affected, references: references)
    }

    /// A date-time member, checked against RFC 3339; nil when absent.
    private static func timestamp(_ object: OSVObject, _ key: String) throws(OSVError) -> String? {
        guard let text = try object.string(key) else { return nil }
        guard OSVTimestamp.isValid(text) else {
            throw object.error(key, "\(String(text.prefix(64)).debugDescription) is not an RFC 3339 date-time")
        }
        return text
    }

    /// Reads a `severity` list (of the record or of one package). A `null` list is as good as none.
    static func severities(_ object: OSVObject) throws(OSVError) -> [SeverityScore] {
        var scores: [SeverityScore] = []
        for entry in try object.objects("severity", limit: OSVLimits.maxListEntries, nullable: true) {
            let type = try entry.requiredToken("type")
            guard let score = try entry.string("score") else { throw entry.error("score", "missing") }
            scores.append(SeverityScore(type: type, score: score))
        }
        return scores
    }

    private static func references(_ record: OSVObject) throws(OSVError) -> [Reference] {
        var references: [Reference] = []
        for entry in try record.objects("references", limit: OSVLimits.maxListEntries, nullable: true) {
            let type = try entry.requiredToken("type")
            guard let url = try entry.string("url") else { throw entry.error("url", "missing") }
            references.append(Reference(type: type, url: url))
        }
        return references
    }

    /// Credits are not kept, but their types are the schema's: a list of objects with a `name`.
    private static func checkCredits(_ record: OSVObject) throws(OSVError) {
        for credit in try record.objects("credits", limit: OSVLimits.maxListEntries) {
            guard try credit.string("name") != nil else { throw credit.error("name", "missing") }
            _ = try credit.strings("contact", limit: OSVLimits.maxListEntries)
            _ = try credit.string("type")
        }
    }
}

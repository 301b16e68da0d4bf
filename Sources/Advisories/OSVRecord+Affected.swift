extension OSVRecord {
    /// Reads one `affected` entry; nil for an entry without a `package`, which is checked but names nothing to match.
    static func affectedEntry(_ entry: OSVObject, recordHasSeverity: Bool) throws(OSVError) -> Affected? {
        let package = try entry.object("package").map { object throws(OSVError) in try affectedPackage(object) }
        let severity = try severities(entry)
        // The schema forbids both: with scores at both levels, readers would disagree on which applies.
        guard !(recordHasSeverity && !severity.isEmpty) else {
            throw entry.error("severity", "set on a package while the record also has a severity")
        }
        var ranges: [AffectedRange] = []
        for range in try entry.objects("ranges", limit: OSVLimits.maxRanges) {
            ranges.append(try affectedRange(range))
        }
        let versions = try entry.strings("versions", limit: OSVLimits.maxVersions)
        try entry.requireObjectIfPresent("ecosystem_specific")
        try entry.requireObjectIfPresent("database_specific")

        guard let package else { return nil }
        return Affected(package: package, ranges: ranges, versions: versions, severity: severity)
    }

    private static func affectedPackage(_ object: OSVObject) throws(OSVError) -> AffectedPackage {
        let ecosystem = try object.requiredToken("ecosystem")
        let name = try object.requiredToken("name")
        let purl = try object.string("purl")
        return AffectedPackage(ecosystem: ecosystem, name: name, purl: purl)
    }

    private static func affectedRange(_ range: OSVObject) throws(OSVError) -> AffectedRange {
        guard let typeName = try range.string("type") else { throw range.error("type", "missing") }
        guard let type = AffectedRange.Kind(rawValue: typeName) else {
            throw range.error("type", "\(String(typeName.prefix(64)).debugDescription) is not SEMVER, ECOSYSTEM or GIT")
        }
        let repo = try range.string("repo")
        if type == .git, repo == nil { throw range.error("repo", "missing, and a GIT range needs its repository") }
        try range.requireObjectIfPresent("database_specific")

        guard let eventValues = try range.array("events", limit: OSVLimits.maxEvents) else {
            throw range.error("events", "missing")
        }
        guard !eventValues.isEmpty else { throw range.error("events", "empty") }
        var events: [RangeEvent] = []
        events.reserveCapacity(eventValues.count)
        for (index, value) in eventValues.enumerated() {
            let object = try OSVObject(value, source: range.source, path: range.path + [.key("events"), .index(index)])
            events.append(try event(object, type: type))
        }
        try checkEvents(events, of: range)
        return AffectedRange(type: type, repo: repo, events: events)
    }

    /// Reads one event: exactly one of the four keys, with a version (or, in a GIT range, a full commit hash).
    private static func event(_ object: OSVObject, type: AffectedRange.Kind) throws(OSVError) -> RangeEvent {
        guard object.members.count == 1, let member = object.members.first else {
            let keys = object.members.prefix(4).map { String($0.key.prefix(32)).debugDescription }
                .joined(separator: ", ")
            throw object.error(nil, "an event needs exactly one key, found \(object.members.count) (\(keys))")
        }
        let key = member.key
        let make: (String) -> RangeEvent
        switch key {
        case "introduced": make = RangeEvent.introduced
        case "fixed": make = RangeEvent.fixed
        case "last_affected": make = RangeEvent.lastAffected
        case "limit": make = RangeEvent.limit
        default: throw object.error(key, "not an event (introduced, fixed, last_affected or limit)")
        }
        guard case .string(let version) = member.value else {
            throw object.error(key, "expected a string, found \(member.value.typeName)")
        }
        try object.checkToken(version, key: key)
        if type == .git, !isCommitHashOrZero(version) {
            throw object.error(key, "\(String(version.prefix(80)).debugDescription) is not a full commit hash")
        }
        return make(version)
    }

    /// The range-wide rules: one `introduced` at least, not both `fixed` and `last_affected`, no version twice.
    private static func checkEvents(_ events: [RangeEvent], of range: OSVObject) throws(OSVError) {
        guard events.contains(where: { if case .introduced = $0 { true } else { false } }) else {
            throw range.error("events", "no \"introduced\" event")
        }
        let hasFixed = events.contains { if case .fixed = $0 { true } else { false } }
        let hasLastAffected = events.contains { if case .lastAffected = $0 { true } else { false } }
        guard !(hasFixed && hasLastAffected) else {
            throw range.error("events", "both \"fixed\" and \"last_affected\" events, which the schema forbids")
        }
        // The linter's "range is distinct" check (R0002): a version named by two events (introduced and fixed at one
        // commit, say) makes an empty or contradictory range, which evaluation would read by event order alone.
        var seen = Set<String>()
        for (index, event) in events.enumerated() where !seen.insert(event.version).inserted {
            throw OSVError(source: range.source, field: renderJSONPath(range.path + [.key("events"), .index(index)]),
                           reason: "\(String(event.version.prefix(80)).debugDescription) appears in two events")
        }
    }

    /// `0`, or 40 or 64 lowercase hex digits, as the schema's pattern for GIT events says.
    private static func isCommitHashOrZero(_ text: String) -> Bool {
        if text == "0" { return true }
        let bytes = Array(text.utf8)
        return (bytes.count == 40 || bytes.count == 64) && bytes.allSatisfy {
            $0.isASCIIDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
        }
    }
}

extension RangeEvent {
    /// The version (or commit) the event names.
    public var version: String {
        switch self {
        case .introduced(let version), .fixed(let version), .lastAffected(let version), .limit(let version): version
        }
    }
}

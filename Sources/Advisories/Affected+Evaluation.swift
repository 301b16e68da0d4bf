extension Affected {
    /// Whether `version` is affected, by the OSV evaluation algorithm: listed in `versions`, or inside any SEMVER or
    /// ECOSYSTEM range. GIT ranges never match (and are not an error): commits are not package versions.
    ///
    /// `versions` is matched by exact string equality, as the spec's `IncludedInVersions` does.
    /// - Parameters:
    ///   - version: the installed version, as its ecosystem writes it.
    ///   - compare: orders two versions for a range of the given kind: negative, zero or positive as the first is
    ///     lower than, equal to or higher than the second. The caller picks the ordering per kind (SemVer for
    ///     `.semver`, the ecosystem's own for `.ecosystem`); it is never called for `.git`, nor with the special
    ///     `introduced: "0"` or a `limit` containing `*`. It may throw for a version it cannot read.
    /// - Returns: true when the version is affected.
    /// - Throws: whatever `compare` throws; the caller decides whether an unreadable version counts as affected.
    public func affects(_ version: String, compare: (AffectedRange.Kind, String, String) throws -> Int) throws -> Bool {
        if versions.contains(version) { return true }
        for range in ranges where range.type != .git {
            if try range.contains(version, compare: { try compare(range.type, $0, $1) }) { return true }
        }
        return false
    }

    /// The `fixed` versions of its SEMVER and ECOSYSTEM ranges, in record order without repeats, for the report's
    /// "fixed in". GIT ranges are left out: their `fixed` events are commit hashes, not versions one can install.
    public var fixedVersions: [String] {
        var seen = Set<String>()
        var fixed: [String] = []
        for range in ranges where range.type != .git {
            for case .fixed(let version) in range.events where seen.insert(version).inserted { fixed.append(version) }
        }
        return fixed
    }
}

extension AffectedRange {
    /// Whether `version` lies inside this range, by the spec's `IncludedInRanges` for one range; always false for GIT.
    ///
    /// The spec sorts the events by version (`introduced: "0"` lowest) and walks them: an `introduced` at or below
    /// the version makes it vulnerable, a `fixed` at or below it or a `last_affected` strictly below it makes it not.
    /// The walk's outcome is therefore set by the last event, in sorted order, whose condition holds; this finds that
    /// event in one pass instead of sorting, so each event is compared with the version once and with the current
    /// candidate at most once. Events whose versions compare equal keep record order, as a stable sort would.
    /// - Parameters:
    ///   - version: the installed version.
    ///   - compare: the ordering for this range's kind, as in `Affected.affects(_:compare:)`.
    /// - Returns: true when the version is inside the range and below one of its limits (if it has any).
    /// - Throws: whatever `compare` throws.
    public func contains(_ version: String, compare: (String, String) throws -> Int) throws -> Bool {
        guard type != .git, try isBeforeLimits(version, compare: compare) else { return false }
        var last: (event: RangeEvent, index: Int)?
        for (index, event) in events.enumerated() {
            let holds: Bool
            switch event {
            case .introduced(let bound): holds = try bound == "0" || compare(version, bound) >= 0
            case .fixed(let bound): holds = try compare(version, bound) >= 0
            case .lastAffected(let bound): holds = try compare(version, bound) > 0
            case .limit: continue
            }
            guard holds else { continue }
            if let current = last, try !Self.sortsAfter(event, index, current.event, current.index, compare: compare) {
                continue
            }
            last = (event, index)
        }
        if case .introduced = last?.event { return true }
        return false
    }

    /// The spec's `BeforeLimits`: with no `limit` events there is an implicit `*`; otherwise the version must be
    /// below at least one limit, where a limit containing `*` stands for infinity.
    private func isBeforeLimits(_ version: String, compare: (String, String) throws -> Int) throws -> Bool {
        var hasLimit = false
        for case .limit(let limit) in events {
            hasLimit = true
            if limit.contains("*") { return true }
            if try compare(version, limit) < 0 { return true }
        }
        return !hasLimit
    }

    /// Whether event `a` (at record position `aIndex`) comes after event `b` in the spec's sort order.
    private static func sortsAfter(_ a: RangeEvent, _ aIndex: Int, _ b: RangeEvent, _ bIndex: Int,
                                   compare: (String, String) throws -> Int) throws -> Bool {
        let aIsZero = a.isIntroducedZero
        let bIsZero = b.isIntroducedZero
        if aIsZero || bIsZero { return aIsZero && bIsZero ? aIndex > bIndex : bIsZero }
        let order = try compare(a.version, b.version)
        return order == 0 ? aIndex > bIndex : order > 0
    }
}

extension RangeEvent {
    /// `introduced: "0"`, which sorts before every version.
    var isIntroducedZero: Bool {
        if case .introduced("0") = self { true } else { false }
    }
}

import Advisories

/// The compact text an `affected` row keeps of an `Affected` entry's ranges and versions, so that matching can
/// test a version without decoding the whole advisory.
///
/// Ranges are separated by U+001E, fields by U+001F: a range is its kind (`S`, `E`, `G`) then events as `i=`,
/// `f=`, `l=`, `x=` (limit) and the version; the `versions` list is a last part starting with `V`. Neither separator
/// can occur in a stored version: records holding control characters in versions are refused at import.
enum AffectedRanges {
    static let rangeSeparator: Character = "\u{1E}"
    static let fieldSeparator: Character = "\u{1F}"

    /// Whether `text` can be stored without being mistaken for a separator.
    static func isStorable(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }

    /// The text for `affected`.
    static func encode(_ affected: Affected) -> String {
        var parts: [String] = affected.ranges.map { range in
            let kind = switch range.type {
            case .semver: "S"
            case .ecosystem: "E"
            case .git: "G"
            }
            let events = range.events.map { event in
                switch event {
                case .introduced(let version): "i=" + version
                case .fixed(let version): "f=" + version
                case .lastAffected(let version): "l=" + version
                case .limit(let version): "x=" + version
                }
            }
            return ([kind] + events).joined(separator: String(fieldSeparator))
        }
        if !affected.versions.isEmpty {
            parts.append((["V"] + affected.versions).joined(separator: String(fieldSeparator)))
        }
        return parts.joined(separator: String(rangeSeparator))
    }

    /// The ranges and versions `text` holds, for `package`. Nil when the text is not one `encode` wrote.
    static func decode(_ text: String, package: AffectedPackage) -> Affected? {
        var affected = Affected(package: package)
        for part in text.split(separator: rangeSeparator) {
            let fields = part.split(separator: fieldSeparator, omittingEmptySubsequences: false)
            guard let kind = fields.first else { return nil }
            if kind == "V" {
                affected.versions = fields.dropFirst().map(String.init)
                continue
            }
            let type: AffectedRange.Kind
            switch kind {
            case "S": type = .semver
            case "E": type = .ecosystem
            case "G": type = .git
            default: return nil
            }
            var events: [RangeEvent] = []
            for field in fields.dropFirst() {
                guard field.count >= 2, field.dropFirst().first == "=" else { return nil }
                let version = String(field.dropFirst(2))
                switch field.first {
                case "i": events.append(.introduced(version))
                case "f": events.append(.fixed(version))
                case "l": events.append(.lastAffected(version))
                case "x": events.append(.limit(version))
                default: return nil
                }
            }
            affected.ranges.append(AffectedRange(type: type, events: events))
        }
        return affected
    }
}

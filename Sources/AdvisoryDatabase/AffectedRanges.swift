import Advisories

/// The compact text an `affected` row keeps of an `Affected` entry's ranges and versions, so that matching can
/// test a version without decoding the whole advisory.
///
/// Ranges are separated by U+001E, fields by U+001F: a range is its kind (`S`, `E`, `G`) then events as `i=`,
/// `f=`, `l=`, `x=` (limit) and the version; the `versions` list is a last part starting with `V`. Neither separator
/// can occur in a stored version: records holding control characters in versions are refused at import.
enum AffectedRanges {
    static let rangeSeparator: UInt8 = 0x1E
    static let fieldSeparator: UInt8 = 0x1F

    /// Whether `text` can be stored without being mistaken for a separator.
    static func isStorable(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }

    /// The text for `affected`.
    static func encode(_ affected: Affected) -> String {
        let fields = String(UnicodeScalar(fieldSeparator))
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
            return ([kind] + events).joined(separator: fields)
        }
        if !affected.versions.isEmpty {
            parts.append((["V"] + affected.versions).joined(separator: fields))
        }
        return parts.joined(separator: String(UnicodeScalar(rangeSeparator)))
    }

    /// The ranges and versions `text` holds, for `package`. Nil when the text is not one `encode` wrote.
    static func decode(_ text: String, package: AffectedPackage) -> Affected? {
        var text = text
        return text.withUTF8 { decode($0, package: package) }
    }

    /// The ranges and versions the UTF-8 bytes `text` hold, for `package`: read straight from the database's page,
    /// since matching decodes one of these for every candidate row.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, package: AffectedPackage) -> Affected? {
        var affected = Affected(package: package)
        for part in text.split(separator: rangeSeparator) {
            let fields = part.split(separator: fieldSeparator, omittingEmptySubsequences: false)
            guard let kind = fields.first, kind.count == 1 else { return nil }
            let values = fields.dropFirst()
            if kind.first == UInt8(ascii: "V") {
                affected.versions = values.map { String(decoding: $0, as: UTF8.self) }
                continue
            }
            let type: AffectedRange.Kind
            switch kind.first {
            case UInt8(ascii: "S"): type = .semver
            case UInt8(ascii: "E"): type = .ecosystem
            case UInt8(ascii: "G"): type = .git
            default: return nil
            }
            var events: [RangeEvent] = []
            events.reserveCapacity(values.count)
            for field in values {
                guard field.count >= 2, field[field.startIndex + 1] == UInt8(ascii: "=") else { return nil }
                let version = String(decoding: field.dropFirst(2), as: UTF8.self)
                switch field.first {
                case UInt8(ascii: "i"): events.append(.introduced(version))
                case UInt8(ascii: "f"): events.append(.fixed(version))
                case UInt8(ascii: "l"): events.append(.lastAffected(version))
                case UInt8(ascii: "x"): events.append(.limit(version))
                default: return nil
                }
            }
            affected.ranges.append(AffectedRange(type: type, events: events))
        }
        return affected
    }
}

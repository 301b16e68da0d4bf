import Foundation
import LayerPass
import SBOM

/// Recognises the distribution from `os-release` (freedesktop.org's format) or the distribution's own files.
public struct OSReleaseCataloger: Cataloger {
    public let name = "os-release"

    /// `os-release` first as systemd reads it, then the fallbacks older and minimal images carry.
    static let paths = ["etc/os-release", "usr/lib/os-release", "etc/debian_version", "etc/alpine-release",
                        "etc/redhat-release"]
    /// These files are a few hundred bytes; 64 KiB leaves room and keeps a hostile one from costing memory.
    static let maxSize: Int64 = 64 * 1024

    public var requests: [FileRequest] { [.paths(Set(Self.paths), analyzer: name, maxSize: Self.maxSize)] }

    /// Creates the cataloger.
    public init() {}

    public func catalog(_ files: CatalogFiles) -> CatalogOutput {
        CatalogOutput(operatingSystem: Self.detect(files))
    }

    /// The distribution `files` show, if any.
    public static func detect(_ files: CatalogFiles) -> OperatingSystem? {
        for path in ["etc/os-release", "usr/lib/os-release"] {
            if let bytes = files.contents(of: path), let system = parseOSRelease(bytes) { return system }
        }
        if let bytes = files.contents(of: "etc/debian_version") {
            let version = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let major = version.split(separator: ".").first.map(String.init)
            return OperatingSystem(id: "debian", versionID: major, prettyName: "Debian \(version)")
        }
        if let bytes = files.contents(of: "etc/alpine-release") {
            let version = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return OperatingSystem(id: "alpine", versionID: version, prettyName: "Alpine Linux v\(version)")
        }
        if let bytes = files.contents(of: "etc/redhat-release") {
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let version = text.split(separator: " ").first { $0.first?.isNumber == true }.map(String.init)
            let id = text.hasPrefix("Red Hat") ? "rhel" : text.lowercased().split(separator: " ").first.map(String.init)
            return OperatingSystem(id: id ?? "rhel", versionID: version, prettyName: text)
        }
        return nil
    }

    /// `KEY=value` lines; values may be quoted with `"` or `'` and use backslash escapes.
    static func parseOSRelease(_ bytes: [UInt8]) -> OperatingSystem? {
        var fields: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            var value = Substring(trimmed[trimmed.index(after: equals)...])
            if let quote = value.first, quote == "\"" || quote == "'", value.count >= 2, value.last == quote {
                value = value.dropFirst().dropLast()
            }
            fields[String(trimmed[..<equals])] = value.replacingOccurrences(of: "\\", with: "")
        }
        guard let id = fields["ID"], !id.isEmpty else { return nil }
        return OperatingSystem(id: id, versionID: fields["VERSION_ID"], prettyName: fields["PRETTY_NAME"],
                               codename: fields["VERSION_CODENAME"],
                               like: (fields["ID_LIKE"] ?? "").split(separator: " ").map(String.init))
    }
}

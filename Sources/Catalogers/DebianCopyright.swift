import Foundation

/// The licences a Debian package's copyright file (`usr/share/doc/PACKAGE/copyright`) declares.
///
/// A machine-readable file (copyright-format 1.0, "DEP-5", starting with `Format:`) names its licences in `License:`
/// fields; each field's first line is a short name or an expression of them (`GPL-2+ or Artistic`), split here into
/// the names. An older free-form file is read for the references Debian policy asks it to make to
/// `/usr/share/common-licenses/NAME`. The names are Debian's (`GPL-2+`, `Expat`), kept as written: SBOM writers
/// turn the ones SPDX lists into identifiers and keep the others as names.
enum DebianCopyright {
    /// Where dpkg packages install their copyright file.
    static let directory = "usr/share/doc/"
    static let fileName = "copyright"
    /// Copyright files of the largest source packages (the Linux kernel, TeX Live) are a few MB.
    static let maxSize: Int64 = 8 << 20
    /// A hostile file naming thousands of licences would bloat every SBOM format; real ones name a few dozen.
    static let maxLicenses = 64
    /// Longer than any real short name or expression line.
    static let maxNameLength = 128

    static let formatField = "format:"
    static let licenseField = "license:"
    static let commonLicenses = "/usr/share/common-licenses/"

    /// Whether `path` is a package's copyright file: exactly `usr/share/doc/NAME/copyright`.
    static func isCopyrightFile(_ path: String) -> Bool {
        guard path.hasPrefix(directory), path.hasSuffix("/" + fileName) else { return false }
        let package = path.dropFirst(directory.count).dropLast(fileName.count + 1)
        return !package.isEmpty && !package.contains("/")
    }

    /// The copyright file of the package `name`.
    static func path(of name: String) -> String { directory + name + "/" + fileName }

    /// What the layer pass keeps of a copyright file: its licence names, one a line, instead of the whole text.
    @Sendable static func reduced(_ bytes: [UInt8]) -> [UInt8] {
        Array(licenses(in: bytes).joined(separator: "\n").utf8)
    }

    /// The distinct licence names `bytes` declare, in the order first seen.
    static func licenses(in bytes: [UInt8]) -> [String] {
        let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
        let isMachineReadable = lines.first?.lowercased().hasPrefix(formatField) ?? false
        var names: [String] = []
        var seen: Set<String> = []
        for line in lines {
            let candidates = isMachineReadable ? fieldNames(line) : referencedNames(line)
            for name in candidates where names.count < maxLicenses && seen.insert(name).inserted {
                names.append(name)
            }
        }
        return names
    }

    /// The names in a `License:` field's first line. Continuation lines (the licence text) start with a space, so
    /// they are never taken for fields.
    static func fieldNames(_ line: Substring) -> [String] {
        guard line.lowercased().hasPrefix(licenseField) else { return [] }
        var names: [String] = []
        var rest = Substring(line.dropFirst(licenseField.count))
        // `or`, `and`, `and/or` and commas join names; `with … exception` stays part of the name it qualifies.
        // `and/or` comes first: at the same position as `and`, the first of the list wins.
        while !rest.isEmpty {
            let separator = [" and/or ", " or ", " and ", ","]
                .compactMap { rest.range(of: $0, options: .caseInsensitive) }
                .min { $0.lowerBound < $1.lowerBound }
            let word = separator.map { rest[..<$0.lowerBound] } ?? rest
            names += cleaned(word).map { [$0] } ?? []
            rest = separator.map { rest[$0.upperBound...] } ?? ""
        }
        return names
    }

    /// The names after each `/usr/share/common-licenses/` on a line of a free-form file.
    static func referencedNames(_ line: Substring) -> [String] {
        var names: [String] = []
        var rest = line
        while let found = rest.range(of: commonLicenses) {
            rest = rest[found.upperBound...]
            let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.+".contains($0)) }
            names += cleaned(name).map { [$0] } ?? []
        }
        return names
    }

    /// A name trimmed of spaces and of the full stop that ends a sentence, or nil when nothing real is left.
    private static func cleaned(_ word: Substring) -> String? {
        var name = word.trimmingCharacters(in: .whitespaces)
        while name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty, name.count <= maxNameLength, name.lowercased() != "none" else { return nil }
        return name
    }
}

/// dpkg's diversions, from `var/lib/dpkg/diversions`: a package's file that another package (or the administrator)
/// moved aside, so that the package's recorded digest describes the file at the diverted-to path.
///
/// Without them, every diverted file would look modified: the path holds the diverting package's file, not the
/// one whose digest the diverted package recorded.
struct DpkgDiversions: Sendable {
    /// The diversions database.
    static let path = "var/lib/dpkg/diversions"
    /// The file holds three short lines per diversion; real systems have a few dozen. 1 MiB bounds a hostile one.
    static let maxSize: Int64 = 1 << 20

    /// A diverted path: where the other packages' file went, and which package diverted it (`:` for the
    /// administrator).
    struct Diversion: Sendable, Hashable {
        let divertedTo: String
        let divertedBy: String
    }

    /// Diverted path → the diversion, paths root-relative.
    private(set) var byPath: [String: Diversion] = [:]

    /// No diversions.
    init() {}

    /// Parses the file's triples of lines: path, diverted-to path, diverting package. A triple with an empty line,
    /// or a trailing incomplete one, is ignored, as dpkg would refuse the file.
    init(_ bytes: [UInt8]) {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index + 2 < lines.count {
            let from = Self.relative(lines[index])
            let to = Self.relative(lines[index + 1])
            if !from.isEmpty, !to.isEmpty, !lines[index + 2].isEmpty {
                byPath[from] = Diversion(divertedTo: to, divertedBy: String(lines[index + 2]))
            }
            index += 3
        }
    }

    /// Where `package`'s file recorded at `path` really is: the diverted-to path unless `package` made the diversion.
    func location(of path: String, recordedBy package: String) -> String {
        guard let diversion = byPath[path], diversion.divertedBy != package else { return path }
        return diversion.divertedTo
    }

    private static func relative(_ line: Substring) -> String { String(line.drop { $0 == "/" }) }
}

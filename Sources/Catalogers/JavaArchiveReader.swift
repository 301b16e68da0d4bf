import SBOM
import Zip

/// Reads the Maven packages in one Java archive from the image and in the archives nested inside it, keeping
/// the warnings and the bytes inflated so far across the whole tree.
struct JavaArchiveReader {
    /// How many archives deep nested archives are read: an ear holds wars, which hold jars in `WEB-INF/lib`, and a
    /// jar may shade another; three levels covers that. Why a bound: each level can hold the next, so without one
    /// an archive that nests itself (the quine zip) would be read until memory ran out.
    static let maxNestingDepth = 3
    /// The largest nested archive inflated. Real libraries rarely pass 20 MiB; the AWS SDK bundle and a few
    /// others reach hundreds, and are skipped with a warning rather than held whole, one per nesting level.
    static let maxNestedArchiveSize = 64 << 20
    /// The largest manifest or pom.properties read: real ones are a few kilobytes.
    static let maxMetadataSize = 1 << 20
    /// How many bytes one file's tree of archives may inflate in all. Why: each member is bounded, but a small
    /// archive can hold thousands of members that each inflate to the bound (a wide zip bomb); 1 GiB is several
    /// times what the largest real fat jars and wars inflate to, since the jars nested in them are stored or
    /// barely compress.
    static let maxInflatedBytes = 1 << 30

    /// Warnings about the file or archives nested in it, each naming the nested archive or member.
    private(set) var warnings: [String] = []
    /// Bytes inflated (or copied out of stored members) so far, counted as declared.
    private var inflated = 0

    /// The packages in the archive `bytes`, found at `location` (`app.jar`, or `app.jar!/BOOT-INF/lib/x.jar`),
    /// nested `depth` archives deep in the file. An archive that cannot be read at all throws; a member that
    /// cannot be read adds a warning and is skipped.
    mutating func packages(in bytes: [UInt8], at location: String, depth: Int) throws(ZipArchiveError)
        -> [Package]
    {
        let archive = try ZipArchive(bytes: bytes)
        var packages: [Package] = []
        for entry in archive.entries where Self.isPomProperties(entry.name) {
            guard let text = read(entry, of: archive, limit: Self.maxMetadataSize, at: location) else { continue }
            packages += JavaPackage.maven(JavaPomProperties(parsing: text), path: entry.name, at: location)
        }
        if packages.isEmpty, let entry = archive.entries.first(where: { $0.name == "META-INF/MANIFEST.MF" }),
           let text = read(entry, of: archive, limit: Self.maxMetadataSize, at: location) {
            packages += JavaPackage.fromManifest(JavaManifest(parsing: text), at: location)
        }
        for entry in archive.entries where !entry.isDirectory && JavaArchiveCataloger.isJavaArchive(entry.name) {
            packages += nestedPackages(entry, of: archive, at: location, depth: depth + 1)
        }
        return packages
    }

    /// The packages in a nested archive, or none (with a warning) past the depth bound or when it is unreadable.
    private mutating func nestedPackages(_ entry: ZipArchive.Entry, of archive: ZipArchive, at location: String,
                                         depth: Int) -> [Package] {
        let nested = location + "!/" + entry.name
        guard depth <= Self.maxNestingDepth else {
            warnings.append("\(nested): nested more than \(Self.maxNestingDepth) archives deep, not read")
            return []
        }
        guard let bytes = read(entry, of: archive, limit: Self.maxNestedArchiveSize, at: location) else { return [] }
        do {
            return try packages(in: bytes, at: nested, depth: depth)
        } catch {
            warnings.append("\(nested): \(error)")
            return []
        }
    }

    /// The bytes of `entry`, or nil with a warning when it cannot be read or the file's inflate budget is spent.
    private mutating func read(_ entry: ZipArchive.Entry, of archive: ZipArchive, limit: Int, at location: String)
        -> [UInt8]?
    {
        guard inflated + min(entry.uncompressedSize, limit) <= Self.maxInflatedBytes else {
            warnings.append("\(location): \(entry.name) not read: the file's archives already inflated "
                + "\(inflated) bytes of the \(Self.maxInflatedBytes) allowed")
            return nil
        }
        // Counted before reading: a member that fails its checks has cost the inflating all the same.
        inflated += min(entry.uncompressedSize, limit)
        do {
            return try archive.contents(of: entry, limit: limit)
        } catch {
            warnings.append("\(location): \(error)")
            return nil
        }
    }

    /// `META-INF/maven/<groupId>/<artifactId>/pom.properties`.
    static func isPomProperties(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 5 && parts[0] == "META-INF" && parts[1] == "maven" && parts[4] == "pom.properties"
            && !parts[2].isEmpty && !parts[3].isEmpty
    }
}

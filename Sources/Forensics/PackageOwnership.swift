import COpenSSL
import ImageModel
import LayerPass
import SBOM

/// Which package installed each path, with the digest its database recorded, from the SBOM.
public struct PackageOwnership: Sendable {
    /// Path → the owning package's name and the recorded digest (`md5:…`, `sha256:…`, `sha1:…`).
    private var owners: [String: (package: String, digest: String?)] = [:]

    /// No ownership known: privileged files are judged by directory alone.
    public init() {}

    /// The ownership the SBOM's package file lists record, each path followed through the directory symlinks of
    /// `fileSystem` (a package lists `bin/su`; on a merged-/usr system the file is at `usr/bin/su`).
    public init(_ sbom: SoftwareBillOfMaterials, fileSystem: FileSystem) {
        var resolver = DirectoryResolver(fileSystem: fileSystem)
        for package in sbom.packages {
            for file in package.files { owners[resolver.resolve(file.path)] = (package.name, file.digest) }
        }
    }

    /// Whether any package database recorded its files (dpkg, apk, rpm do; a distroless status.d may not).
    public var isKnown: Bool { !owners.isEmpty }

    /// The package that owns `path`, if any.
    public func owner(of path: String) -> String? { owners[path]?.package }

    /// Whether `bytes` match the digest recorded for `path`: nil when nothing comparable was recorded.
    public func matchesRecord(_ path: String, bytes: [UInt8]) -> Bool? {
        guard let recorded = owners[path]?.digest, let colon = recorded.firstIndex(of: ":") else { return nil }
        let algorithm = recorded[..<colon]
        let md: OpaquePointer? = switch algorithm {
        case "md5": EVP_md5()
        case "sha1": EVP_sha1()
        case "sha256": EVP_sha256()
        default: nil
        }
        guard let md else { return nil }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_Digest(bytes, bytes.count, &output, &length, md, nil) == 1 else { return nil }
        return hexEncoded(output[0..<Int(length)]) == recorded[recorded.index(after: colon)...].lowercased()
    }
}

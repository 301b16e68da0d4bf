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

/// Resolves the directory part of root-relative paths through the filesystem's symlinks, inside the root.
struct DirectoryResolver {
    let fileSystem: FileSystem
    /// Directory → where it really is, for directories already resolved.
    private var resolved: [Substring: String] = [:]

    init(fileSystem: FileSystem) { self.fileSystem = fileSystem }

    mutating func resolve(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        let directory = path[..<slash]
        let name = path[path.index(after: slash)...]
        if let known = resolved[directory] { return known.isEmpty ? String(name) : known + "/" + name }
        let real = resolveDirectory(String(directory))
        resolved[directory] = real
        return real.isEmpty ? String(name) : real + "/" + name
    }

    /// Follows each component through symlinks; a link that leaves the root, or a loop, stops the walk there.
    private func resolveDirectory(_ directory: String) -> String {
        var pending = Array(directory.split(separator: "/").reversed())
        var stack: [Substring] = []
        var hops = 0
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." { _ = stack.popLast(); continue }
            stack.append(component)
            let key = stack.joined(separator: "/")
            guard let entry = fileSystem[key], entry.kind == .symlink, let target = entry.linkTarget, hops < 40 else {
                continue
            }
            hops += 1
            stack.removeLast()
            if target.hasPrefix("/") { stack.removeAll() }
            pending.append(contentsOf: target.split(separator: "/").reversed())
        }
        return stack.joined(separator: "/")
    }
}

import SBOM

extension RpmCataloger {
    /// rpm's `PGPHASHALGO` numbers for file digests, as `FILEDIGESTALGO` records them.
    static let digestAlgorithms: [Int32: String] = [1: "md5", 2: "sha1", 8: "sha256", 9: "sha384", 10: "sha512",
                                                    11: "sha224"]
    /// `RPMFILE_CONFIG` in `FILEFLAGS`: the file is `%config`.
    static let configFlag: Int32 = 1

    /// The files a header lists, from its compressed file list: each base name with the directory its index names.
    ///
    /// The lists are parallel arrays from the image, so their lengths and every directory index are checked: a
    /// crafted header could otherwise make us index past an array.
    static func files(_ header: RpmHeader) throws(RpmHeaderError) -> [PackageFile] {
        let baseNames = try header.strings(.baseNames) ?? []
        guard !baseNames.isEmpty else { return [] }
        let directories = try header.strings(.dirNames) ?? []
        let indexes = try header.int32s(.dirIndexes) ?? []
        let digests = try header.strings(.fileDigests) ?? []
        let flags = try header.int32s(.fileFlags) ?? []
        guard indexes.count == baseNames.count else {
            throw .inconsistentFileList("\(baseNames.count) base names but \(indexes.count) directory indexes")
        }
        guard digests.isEmpty || digests.count == baseNames.count, flags.isEmpty || flags.count == baseNames.count
        else {
            throw .inconsistentFileList(
                "\(baseNames.count) base names but \(digests.count) digests, \(flags.count) flags")
        }
        // Packages built before rpm 4.6 record no algorithm; their digests are MD5.
        let algorithm = Self.digestAlgorithms[try header.int32s(.fileDigestAlgorithm)?.first ?? 1]

        var files: [PackageFile] = []
        files.reserveCapacity(baseNames.count)
        for (position, baseName) in baseNames.enumerated() {
            let index = Int(indexes[position])
            guard directories.indices.contains(index) else {
                throw .inconsistentFileList(
                    "directory index \(index) of '\(baseName)' is not one of \(directories.count)")
            }
            let path = String((directories[index] + baseName).drop { $0 == "/" })
            // Directories, symlinks and ghost files have an empty digest.
            let recorded = digests.isEmpty ? "" : digests[position]
            let digest = recorded.isEmpty ? nil : algorithm.map { $0 + ":" + recorded }
            let isConfiguration = !flags.isEmpty && flags[position] & Self.configFlag != 0
            files.append(PackageFile(path: path, digest: digest, isConfiguration: isConfiguration))
        }
        return files
    }
}

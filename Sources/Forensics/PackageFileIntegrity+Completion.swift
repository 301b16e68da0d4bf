import ImageModel
import LayerPass
import SBOM
import Tar

extension PackageFileIntegrity {
    /// Digests again, in every algorithm, the final package files the pass digested in too few algorithms for the
    /// records that claim them, reading only the layers that hold them; adds the digests to `layers`.
    ///
    /// The pass narrows each layer's algorithms to the package manager whose directory the layer shows
    /// (`digestRequest`), which a real image never contradicts; this second read only happens when a layer lied,
    /// or an image mixes package managers, so that neither can leave a file unjudged.
    /// - Returns: how many files were digested again.
    /// - Throws: `LayerError` when a layer can no longer be read.
    @discardableResult
    public static func completeDigests(_ layers: inout [LayerResult], sbom: SoftwareBillOfMaterials,
                                       fileSystem: FileSystem, limits: LayerLimits = LayerLimits(),
                                       open: @escaping LayerPass.BlobOpener) throws -> Int {
        let missing = missingDigests(sbom, fileSystem: fileSystem, layers: layers)
        for (index, paths) in missing.sorted(by: { $0.key < $1.key }) {
            let request = DigestRequest(analyzer: category) { $0.kind == .file && paths.contains($0.path) }
            let pass = LayerPass(concurrency: 1, requests: [], digests: request, limits: limits)
            let again = try pass.run(layers: [layers[index].descriptor], diffIDs: [], open: open)
            // Why: a source can serve other bytes the second time; only a blob that still hashes to its digest
            // speaks for the layer, otherwise its files stay unverified (the first read's digest finding stands).
            guard let result = again.first, result.digestMatches else { continue }
            for path in paths { layers[index].fileDigests[path] = result.fileDigests[path] }
        }
        return missing.values.map(\.count).reduce(0, +)
    }

    /// Layer → the paths in it whose digests lack an algorithm a record claiming them needs.
    static func missingDigests(_ sbom: SoftwareBillOfMaterials, fileSystem: FileSystem, layers: [LayerResult])
        -> [Int: Set<String>]
    {
        let claims = PackageFileClaims(sbom, fileSystem: fileSystem, layers: layers)
        var missing: [Int: Set<String>] = [:]
        for (path, owners) in claims.byPath where !rewrittenByDesign.contains(path) {
            guard let entry = fileSystem[path], layers.indices.contains(entry.layer) else { continue }
            let digested: String? = switch entry.kind {
            case .file: path
            case .hardlink: entry.linkTarget.map { TarPath.normalize($0) }
            default: nil
            }
            // Files the pass did not select (outside package territory) stay unverified by design.
            guard let digested, let digests = layers[entry.layer].fileDigests[digested] else { continue }
            let needed = DigestAlgorithms(owners.compactMap { FileDigests.algorithm(ofRecorded: $0.file.digest ?? "") })
            if !digests.algorithms.isSuperset(of: needed) { missing[entry.layer, default: []].insert(digested) }
        }
        return missing
    }
}

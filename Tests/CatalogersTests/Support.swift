@testable import Catalogers
import SBOM

/// A view of the image holding `files` (path → text), all written by layer 0.
func view(_ files: [String: String]) -> CatalogFiles {
    CatalogFiles(files: files.mapValues { (Array($0.utf8), 0) })
}

/// A view of the image holding `files` (path → bytes), all written by layer 0.
func view(bytes files: [String: [UInt8]]) -> CatalogFiles {
    CatalogFiles(files: files.mapValues { ($0, 0) })
}

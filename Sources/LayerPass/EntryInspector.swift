import Findings
import Tar

/// Looks at every tar entry of one layer while the pass streams it, and says what it found when the layer ends.
///
/// One inspector serves one layer on one thread, in tar order, so it may keep per-layer state (names seen,
/// counts) without locks. It sees entries only: the bytes of files are streamed past it, fingerprinted.
///
/// File contents are not fingerprinted on the first pass (that would cost several percent of the scan for a
/// question almost no layer raises). An inspector that sees a path written twice with the same type and size
/// names it in `pathsNeedingContent()`; the pass then reads the layer once more and hands it the fingerprints
/// of every copy of those paths.
public protocol EntryInspector {
    /// Called for each entry in tar order; `path` is its name filed relative to the root (`TarPath.normalize`).
    mutating func inspect(_ entry: TarEntry, path: String)
    /// Regular-file paths whose copies must be compared by content.
    func pathsNeedingContent() -> Set<String>
    /// The content fingerprints of every copy of the paths asked for, in tar order.
    mutating func compareContents(_ fingerprints: [String: [ContentFingerprint]])
    /// Called once after the last entry (also when the layer stopped early); returns the findings.
    mutating func findings() -> [Finding]
}

/// Makes the inspector of one layer, given its index and descriptor digest.
public typealias EntryInspectorFactory = @Sendable (_ layer: LayerReference) -> any EntryInspector

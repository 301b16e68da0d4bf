import Findings
import Tar

/// Looks at every tar entry of one layer while the pass streams it, and says what it found when the layer ends.
///
/// One inspector serves one layer on one thread, in tar order, so it may keep per-layer state (names seen,
/// counts) without locks. It sees entries only: the bytes of files are streamed past it, fingerprinted.
public protocol EntryInspector {
    /// Called for each entry in tar order; `fingerprint` is set for regular files whose content was read whole.
    mutating func inspect(_ entry: TarEntry, fingerprint: ContentFingerprint?)
    /// Called once after the last entry (also when the layer stopped early); returns the findings.
    mutating func findings() -> [Finding]
}

/// Makes the inspector of one layer, given its index and descriptor digest.
public typealias EntryInspectorFactory = @Sendable (_ layer: LayerReference) -> any EntryInspector

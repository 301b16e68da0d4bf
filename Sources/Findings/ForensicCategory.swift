/// Rule identifiers and categories of the forensic checks, so that every check names them the same way.
public enum ForensicCategory {
    /// An entry a careless extractor would write or link outside the root.
    public static let escape = "layer.escape"
    /// A layer whose tar or compression is malformed or ambiguous.
    public static let malformed = "layer.malformed"
    /// A manifest or config built to make tools disagree.
    public static let manifest = "manifest.malformed"
    /// Setuid, setgid, device and world-writable files.
    public static let privileged = "file.privileged"
}

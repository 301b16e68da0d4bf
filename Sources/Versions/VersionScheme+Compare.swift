extension VersionScheme {
    /// Convenience: parses both strings under this scheme and compares them.
    /// - Returns: -1, 0 or 1 as `a` sorts before, with or after `b`.
    /// - Throws: `VersionError` for the first string the scheme rejects.
    public func compare(_ a: String, _ b: String) throws(VersionError) -> Int {
        try Version(a, scheme: self).compare(to: Version(b, scheme: self))
    }
}

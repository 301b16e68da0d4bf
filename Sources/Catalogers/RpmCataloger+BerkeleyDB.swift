extension RpmCataloger {
    /// Whether `path` is one of the Berkeley DB `Packages` files rather than an SQLite database.
    static func isBerkeleyDB(_ path: String) -> Bool { path.hasSuffix("/Packages") }

    /// Calls `body` with each header blob of a Berkeley DB `Packages` file and its header number.
    ///
    /// Key 0 is not a header: rpm keeps the largest header number there, and its own iterator skips it. A key that
    /// is not 4 bytes names no header either; rpm reads it as number 0 and skips it too.
    static func forEachBerkeleyDBHeader(in bytes: [UInt8], _ body: (_ row: Int64, _ blob: [UInt8]?) -> Void)
        throws(BerkeleyDBError)
    {
        let database = try BerkeleyDBHash(bytes)
        try database.forEachRecord { record in
            guard let number = database.number(record.key), number != 0 else { return }
            body(Int64(number), record.value)
        }
    }

    /// The `rpmdb.sqlite` in the directory of a `Packages` file.
    static func sqlitePath(besides packages: String) -> String {
        String(packages.dropLast("Packages".count)) + "rpmdb.sqlite"
    }
}

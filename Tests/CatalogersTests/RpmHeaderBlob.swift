import Foundation
import TestSupport

/// Builds rpm header blobs as the rpm database stores them, with any field overridden to make them hostile.
struct RpmHeaderBlob {
    struct Entry {
        var tag: UInt32
        var type: UInt32
        var data: [UInt8]
        var count: UInt32
        /// When set, written instead of the value's real offset.
        var offset: UInt32?
    }

    var entries: [Entry] = []
    /// When set, written instead of the real index count or data size.
    var indexCount: UInt32?
    var dataSize: UInt32?

    static func string(_ tag: UInt32, _ value: String) -> Entry {
        Entry(tag: tag, type: 6, data: Array(value.utf8) + [0], count: 1)
    }

    static func strings(_ tag: UInt32, _ values: [String]) -> Entry {
        Entry(tag: tag, type: 8, data: values.flatMap { Array($0.utf8) + [0] }, count: UInt32(values.count))
    }

    static func int32s(_ tag: UInt32, _ values: [Int32]) -> Entry {
        let data = values.flatMap { bigEndian(UInt32(bitPattern: $0)) }
        return Entry(tag: tag, type: 4, data: data, count: UInt32(values.count))
    }

    /// A plain package: name, version, release, architecture.
    static func package(_ name: String, _ version: String = "1.0", _ release: String = "1", extra: [Entry] = [])
        -> RpmHeaderBlob
    {
        RpmHeaderBlob(entries: [string(1000, name), string(1001, version), string(1002, release),
                                string(1022, "x86_64")] + extra)
    }

    var bytes: [UInt8] {
        var store: [UInt8] = []
        var index: [UInt8] = []
        for entry in entries {
            // INT32 values are 4-byte aligned in the store, as rpm writes them.
            if entry.type == 4 { store += [UInt8](repeating: 0, count: -store.count & 3) }
            index += Self.bigEndian(entry.tag) + Self.bigEndian(entry.type)
                + Self.bigEndian(entry.offset ?? UInt32(store.count)) + Self.bigEndian(entry.count)
            store += entry.data
        }
        return Self.bigEndian(indexCount ?? UInt32(entries.count)) + Self.bigEndian(dataSize ?? UInt32(store.count))
            + index + store
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
}

/// A row of an rpm database's `Packages` table, for `tools/rpm-sqlite.py`.
enum RpmRow {
    case blob([UInt8])
    case text(String)
    case integer(Int)
    case null

    var json: [String: Any] {
        switch self {
        case .blob(let bytes): ["hex": bytes.map { String(format: "%02x", $0) }.joined()]
        case .text(let text): ["text": text]
        case .integer(let value): ["integer": value]
        case .null: ["null": true]
        }
    }

    /// The bytes of an SQLite file with `rows` in a `Packages` table made by `schema` (rpm's when nil).
    static func database(_ rows: [RpmRow], schema: String? = nil) throws -> [UInt8] {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/rpmdb.sqlite"
        var spec: [String: Any] = ["rows": rows.map(\.json)]
        if let schema { spec["schema"] = schema }
        try Shell.run([TestPaths.packageRoot + "/tools/rpm-sqlite.py", path],
                      input: [UInt8](try JSONSerialization.data(withJSONObject: spec)))
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

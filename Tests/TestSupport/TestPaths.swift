import Foundation

/// Where tests find the package, the shared corpora and the fixture cache.
public enum TestPaths {
    /// The package root, found from this file's location.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The external corpora: `SAFEGUARD_CORPORA`, else `../shared/corpora` beside the checkout.
    public static let corpora: String = {
        if let path = ProcessInfo.processInfo.environment["SAFEGUARD_CORPORA"], !path.isEmpty { return path }
        let workspace = URL(fileURLWithPath: packageRoot).deletingLastPathComponent()
        return workspace.appendingPathComponent("shared/corpora").path
    }()

    /// A corpus folder's path, and whether it is there (tests that need it are skipped, by name, when not).
    public static func corpus(_ name: String) -> String { corpora + "/" + name }

    /// Whether a corpus folder exists.
    public static func hasCorpus(_ name: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: corpus(name), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Fixtures kept between runs (mmdebstrap root filesystems, packed layouts).
    public static let cache: String = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["SAFEGUARD_TEST_CACHE"], !path.isEmpty { return path }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache/safeguard-tests"
    }()

    /// A new empty temporary directory; remove it with `removeTemporaryDirectory`.
    public static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "safeguard-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

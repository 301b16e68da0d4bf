import Foundation
import TestSupport

/// Real Rust executables carrying a `.dep-v0` section, as `cargo auditable` writes it: a tiny program built by
/// `rustc`, to which `objcopy` adds the zlib-compressed list `tools/cargo-auditable-section.py` writes.
enum RustAuditableFixture {
    /// Whether the tools are here (`scripts/setup.sh` installs them).
    static let toolsExist = toolExists("rustc") && toolExists("objcopy") && toolExists("python3")

    /// The program without a list, built once and kept in the test cache.
    static func plainProgram() throws -> String {
        let directory = TestPaths.cache + "/rust-auditable"
        let program = directory + "/hello"
        if FileManager.default.fileExists(atPath: program) { return program }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Built under a unique name, then moved: tests run in parallel and may build it at the same time.
        let scratch = directory + "/build-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try Data("fn main() { println!(\"hello\"); }\n".utf8).write(to: URL(fileURLWithPath: scratch + "/hello.rs"))
        try Shell.run(["rustc", "-C", "opt-level=0", "-o", scratch + "/hello", scratch + "/hello.rs"])
        _ = try? FileManager.default.moveItem(atPath: scratch + "/hello", toPath: program)
        return program
    }

    /// The program with a `.dep-v0` section made from `spec`, JSON text (see the tool's documentation).
    static func program(spec: String) throws -> [UInt8] {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tool = TestPaths.packageRoot + "/tools/cargo-auditable-section.py"
        try Shell.run(["python3", tool, directory + "/dep-v0"], input: Array(spec.utf8))
        try Shell.run(["objcopy", "--add-section", ".dep-v0=" + directory + "/dep-v0",
                       "--set-section-flags", ".dep-v0=noload,readonly", try plainProgram(), directory + "/app"])
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/app")))
    }

    /// The program with `list` as its dependency list.
    static func program(list: String) throws -> [UInt8] {
        try program(spec: "{\"json\": " + list + "}")
    }
}

import Foundation

/// Runs test tooling (skopeo, mmdebstrap, the image builder) and reports failures with their output.
public enum Shell {
    /// What a command printed and how it ended.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// A command that failed.
    public struct Failure: Error, CustomStringConvertible {
        public let command: [String]
        public let output: Output
        public var description: String {
            "\(command.joined(separator: " ")) exited \(output.status): \(output.stderr.suffix(2000))"
        }
    }

    /// Runs `command` (looked up on PATH), returning its output; throws when it exits non-zero and `check` is set.
    @discardableResult
    public static func run(_ command: [String], environment: [String: String] = [:], check: Bool = true) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        process.environment = merged
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a chatty command cannot fill one and deadlock.
        let errorData = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorData.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let output = Output(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                            stderr: String(decoding: errorData.data, as: UTF8.self))
        if check, output.status != 0 { throw Failure(command: command, output: output) }
        return output
    }

    private final class DataBox: @unchecked Sendable { var data = Data() }
}

import Foundation

/// Runs test tooling (skopeo, mmdebstrap, gzip, the image builder) and reports failures with their output.
public enum Shell {
    /// What a command printed and how it ended.
    public struct Output: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output, byte-exact (compressors print binary).
        public var standardOutput: [UInt8]
        /// Standard error as text.
        public var stderr: String

        /// Standard output as text.
        public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    /// A command that failed.
    public struct Failure: Error, CustomStringConvertible {
        public let command: [String]
        public let output: Output
        public var description: String {
            "\(command.joined(separator: " ")) exited \(output.status): \(output.stderr.suffix(2000))"
        }
    }

    /// Runs `command` (looked up on PATH) with `input` on its standard input.
    /// - Throws: `Failure` when it exits non-zero and `check` is set.
    @discardableResult
    public static func run(_ command: [String], input: [UInt8]? = nil, environment: [String: String] = [:],
                           check: Bool = true) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr

        // Input goes through a file rather than a pipe, so a command that reads slowly cannot deadlock us.
        var inputFile: String?
        if let input {
            let path = NSTemporaryDirectory() + "safeguard-input-" + UUID().uuidString
            try Data(input).write(to: URL(fileURLWithPath: path))
            inputFile = path
            process.standardInput = FileHandle(forReadingAtPath: path)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        defer { if let inputFile { try? FileManager.default.removeItem(atPath: inputFile) } }
        try process.run()

        // Read both pipes concurrently so a chatty command cannot fill one and deadlock.
        let errorData = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            errorData.data = stderr.fileHandleForReading.readDataToEndOfFile()
        }
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let output = Output(status: process.terminationStatus, standardOutput: [UInt8](outputData),
                            stderr: String(decoding: errorData.data, as: UTF8.self))
        if check, output.status != 0 { throw Failure(command: command, output: output) }
        return output
    }

    private final class DataBox: @unchecked Sendable { var data = Data() }
}
